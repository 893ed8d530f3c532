import { ConfirmationSigner } from '../../ports/confirmation-signer.port.js';

/**
 * One client's view of the server's signer: the same secret (so tokens verify on every replica),
 * with the client's name as the audience, which the domain writes into each token it issues and
 * checks on each token presented.
 */
export class AudienceSigner extends ConfirmationSigner {
  constructor(
    private readonly inner: ConfirmationSigner,
    override readonly audience: string,
  ) {
    super();
  }

  sign(payload: string): string {
    return this.inner.sign(payload);
  }

  verify(token: string): string | null {
    return this.inner.verify(token);
  }
}

/** `github://repos/{owner}/{repo}/labels`: what an agent reads before triaging. One GitHub request. */
export const LABELS_TEMPLATE = 'github://repos/{owner}/{repo}/labels';

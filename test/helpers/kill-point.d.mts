/** The line a child writes on stdout when it reached its kill point. */
export declare const KILL_POINT_LINE: string;
/** Wraps a progress listener so the child stops for good at the kill point of ONEROSTER_KILL_AT. */
export declare function stopAtKillPoint<E extends { type: string }>(
  onProgress: (event: E) => void,
): (event: E) => void;

// Shared by server and browser code: the columns of the volume overview, in display order.
export const VOLUME_COLUMNS = ["hotline", "mailbox", "weibo", "weiboPosts"] as const;
export type VolumeColumn = (typeof VOLUME_COLUMNS)[number];
export type VolumeCounts = Record<VolumeColumn, number>;

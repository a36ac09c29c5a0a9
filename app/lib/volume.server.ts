// Interaction volume for the overview page: the db/queries results shaped for rendering.
import { countsByChannel, countsByChannelAndMonth, weiboPostCount, weiboPostCountsByMonth } from "../../db/queries/volume";
import { requireRole } from "./auth.server";
import { getDb } from "./db.server";
import { VOLUME_COLUMNS, type VolumeColumn, type VolumeCounts } from "./volume";

export interface VolumeOverview {
  totals: VolumeCounts;
  /** One row per Shanghai month that has any item or post, oldest first. */
  months: Array<{ month: string } & VolumeCounts>;
  /** True when there is nothing to show: no items and no weibo posts. */
  isEmpty: boolean;
}

const zero = (): VolumeCounts => ({ hotline: 0, mailbox: 0, weibo: 0, weiboPosts: 0 });
const isColumn = (c: string): c is VolumeColumn => (VOLUME_COLUMNS as readonly string[]).includes(c);

/** City-wide counts: for admins, leaders and analysts (a department account gets 403). */
export function getVolumeOverview(request: Request): VolumeOverview {
  requireRole(request, ["admin", "leader", "analyst"]);
  const db = getDb();
  const totals = zero();
  for (const { channel, count } of countsByChannel(db)) if (isColumn(channel)) totals[channel] += count;
  totals.weiboPosts = weiboPostCount(db);

  const byMonth = new Map<string, VolumeCounts>();
  const row = (month: string) => {
    let r = byMonth.get(month);
    if (!r) byMonth.set(month, (r = zero()));
    return r;
  };
  for (const { month, channel, count } of countsByChannelAndMonth(db)) if (isColumn(channel)) row(month)[channel] += count;
  for (const { month, count } of weiboPostCountsByMonth(db)) row(month).weiboPosts += count;

  const months = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, c]) => ({ month, ...c }));
  const isEmpty = totals.hotline + totals.mailbox + totals.weibo + totals.weiboPosts === 0;
  return { totals, months, isEmpty };
}

// 诉求详情: the full text, the lifecycle timeline, the reply, the classification with the terms behind it, and
// the forms to correct the routing or exclude the item from assessment (both recorded with who and when).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { ActorFields } from "~/components/ActorFields";
import { ErrorView } from "~/components/ErrorView";
import { formatPercent, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { beijingTime } from "~/lib/format";
import { itemAction, itemPage } from "~/lib/items.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "item.heading")} · ${translate(lang, "app.title")}` }];
};

function itemId(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new Response("诉求不存在 / no such item", { status: 404 });
  return Number(raw);
}

export function loader({ params, request }: LoaderFunctionArgs) {
  return itemPage(request, itemId(params.id));
}

export async function action({ params, request }: ActionFunctionArgs) {
  return itemAction(request, itemId(params.id), await request.formData());
}

const TIMELINE: { key: "receivedAt" | "dispatchedAt" | "signedAt" | "firstContactAt" | "repliedAt" | "closedAt" | "deadlineAt" | "returnVisitAt"; label: MessageKey }[] = [
  { key: "receivedAt", label: "item.received" },
  { key: "dispatchedAt", label: "item.dispatched" },
  { key: "signedAt", label: "item.signed" },
  { key: "firstContactAt", label: "item.firstContact" },
  { key: "repliedAt", label: "item.replied" },
  { key: "closedAt", label: "item.closed" },
  { key: "deadlineAt", label: "item.deadline" },
  { key: "returnVisitAt", label: "item.returnVisit" },
];

function parseTerms(json: string | null | undefined): Record<string, [string, number][]> {
  try {
    return json ? (JSON.parse(json) as Record<string, [string, number][]>) : {};
  } catch {
    return {};
  }
}

export default function ItemDetail() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang, t } = useLang();
  const it = d.item;
  const terms = parseTerms(d.nlp?.terms);
  const places = d.nlp?.places ? (JSON.parse(d.nlp.places) as string[]) : [];
  const routedBy = (human: number | null, source: number | null): MessageKey =>
    human !== null ? "item.byHuman" : source !== null ? "item.bySource" : d.nlp?.method === "model" ? "item.byModel" : "item.byRules";
  const timeline = TIMELINE.filter((e) => it[e.key] !== null).sort((a, b) => (it[a.key] as number) - (it[b.key] as number));
  const activeExclusion = d.exclusions.find((e) => e.revokedAt === null);

  return (
    <>
      <p><Link to={withLang("/items", lang)}>← {t("item.back")}</Link></p>
      <h1>{d.texts.title || `${t("item.heading")} ${it.externalId}`}</h1>
      <p className="muted page-meta">
        {it.externalId} · {t(`channel.${it.channel}` as MessageKey)} · {t(`status.${it.status}` as MessageKey)}
        {it.excluded ? <span className="badge badge-excluded">{t("flag.excluded")}</span> : null}
        {it.needsReview ? <span className="badge badge-review">{t("flag.review")}</span> : null}
      </p>

      <section>
        <h2>{t("item.text")}</h2>
        <p className="item-text">{d.texts.body || "—"}</p>
        <h2>{t("item.reply")}</h2>
        {d.texts.replyText ? <p className="item-text">{d.texts.replyText}</p> : <p className="muted">{t("item.noReply")}</p>}
        {d.nlp?.replySubstantive !== null && d.nlp?.replySubstantive !== undefined ? (
          <p className="muted">
            {t("item.replyQuality")}：{d.nlp.replySubstantive ? t("item.substantiveReply") : t("item.placeholderReply")}
            {d.nlp.replyRelevance !== null ? ` · ${t("item.relevance")} ${formatPercent(lang, d.nlp.replyRelevance)}` : ""}
          </p>
        ) : null}
      </section>

      <section>
        <h2>{t("item.timeline")}</h2>
        <ol className="timeline">
          {timeline.map((e) => (
            <li key={e.key} className={e.key === "deadlineAt" && it.answeredAt === null && (it.deadlineAt ?? Infinity) < d.asOf ? "overdue" : undefined}>
              <strong>{t(e.label)}</strong> {beijingTime(it[e.key])}
            </li>
          ))}
        </ol>
      </section>

      <section>
        <h2>{t("item.classification")}</h2>
        <dl className="facts">
          <dt>{t("item.department")}</dt>
          <dd>
            {d.routedDepartment ?? it.departmentRaw ?? "—"} <span className="muted">（{t("item.routedBy")}{t(routedBy(it.humanDepartmentId, it.departmentId))}）</span>
            {d.nlp?.departmentConfidence != null ? <span className="muted"> · {t("item.confidence")} {formatPercent(lang, d.nlp.departmentConfidence)}</span> : null}
            {terms.department?.length ? <div className="terms">{t("item.terms")}：{terms.department.map(([w]) => w).join("、")}</div> : null}
          </dd>
          <dt>{t("item.topic")}</dt>
          <dd>
            {d.routedTopic ?? it.topicRaw ?? "—"} <span className="muted">（{t("item.routedBy")}{t(routedBy(it.humanTopicId, it.topicId))}）</span>
            {d.nlp?.topicConfidence != null ? <span className="muted"> · {t("item.confidence")} {formatPercent(lang, d.nlp.topicConfidence)}</span> : null}
            {terms.topic?.length ? <div className="terms">{t("item.terms")}：{terms.topic.map(([w]) => w).join("、")}</div> : null}
          </dd>
          {d.nlp?.modelVersion ? (<><dt>{t("item.modelVersion")}</dt><dd><code>{d.nlp.modelVersion}</code></dd></>) : null}
          {d.nlp?.sentiment ? (<><dt>{t("item.sentiment")}</dt><dd>{t(`sentiment.${d.nlp.sentiment}` as MessageKey)}</dd></>) : null}
          {places.length ? (<><dt>{t("item.places")}</dt><dd>{places.join("、")}</dd></>) : null}
        </dl>

        <h3>{t("item.correct")}</h3>
        <p className="muted">{t("item.correctHint")}</p>
        {result ? <p className={result.ok ? "notice" : "error"} role="status">{result.ok ? t("item.saved") : result.error}</p> : null}
        <div className="forms">
          <Form method="post" className="filter-bar">
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="field" value="department" />
            <label><span>{t("item.department")}</span>
              <select name="value" defaultValue={it.routedDepartmentId ?? ""} required>
                <option value="" disabled>—</option>
                {d.departments.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            </label>
            <ActorFields />
            <button type="submit" disabled={busy}>{t("item.save")}</button>
          </Form>
          <Form method="post" className="filter-bar">
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="field" value="topic" />
            <label><span>{t("item.topic")}</span>
              <select name="value" defaultValue={it.routedTopicId ?? ""} required>
                <option value="" disabled>—</option>
                {d.topics.filter((x) => x.parentId === null).map((root) => (
                  <optgroup key={root.id} label={root.name}>
                    <option value={root.id}>{root.name}</option>
                    {d.topics.filter((x) => x.parentId === root.id).map((x) => <option key={x.id} value={x.id}>{root.name} / {x.name}</option>)}
                  </optgroup>
                ))}
              </select>
            </label>
            <ActorFields />
            <button type="submit" disabled={busy}>{t("item.save")}</button>
          </Form>
        </div>
        {d.corrections.length ? (
          <>
            <h3>{t("item.history")}</h3>
            <ul className="history">
              {d.corrections.map((c) => (
                <li key={c.id}>{beijingTime(c.createdAt)} · {c.correctedBy} · {t(c.field === "department" ? "item.department" : "item.topic")}：{c.previous ?? "—"} → {c.next}{c.note ? `（${c.note}）` : ""}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section>
        <h2>{t("item.exclusion")}</h2>
        {activeExclusion ? (
          <Form method="post" className="filter-bar">
            <input type="hidden" name="intent" value="revoke" />
            <p>{t(`item.reason.${activeExclusion.reason}` as MessageKey)} · {activeExclusion.excludedBy} · {beijingTime(activeExclusion.createdAt)}{activeExclusion.note ? `（${activeExclusion.note}）` : ""}</p>
            <ActorFields note={false} />
            <button type="submit" disabled={busy}>{t("item.revoke")}</button>
          </Form>
        ) : (
          <Form method="post" className="filter-bar">
            <input type="hidden" name="intent" value="exclude" />
            <label><span>{t("item.excludeReason")}</span>
              <select name="reason" required defaultValue="">
                <option value="" disabled>—</option>
                {(["invalid", "duplicate", "outside_jurisdiction", "other"] as const).map((r) => <option key={r} value={r}>{t(`item.reason.${r}` as MessageKey)}</option>)}
              </select>
            </label>
            <ActorFields />
            <button type="submit" disabled={busy}>{t("item.exclude")}</button>
          </Form>
        )}
      </section>

      <details className="definitions">
        <summary>{t("item.source")}</summary>
        <p className="muted">{tf(lang, "item.provenance", { run: it.importRunId, line: it.sourceLine })} · {it.source}</p>
        <pre className="raw">{d.texts.raw}</pre>
      </details>
    </>
  );
}

/** Who is acting (recorded with the correction or exclusion) and an optional note. */

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}

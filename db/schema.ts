// The one place for Minyi's data model. Times are UTC instants in epoch milliseconds (integers).
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const CHANNELS = ["hotline", "mailbox", "weibo"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Canonical lifecycle states; the source's own word is kept in `items.status_raw`. */
export const ITEM_STATUSES = ["open", "dispatched", "in_progress", "replied", "closed", "returned"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const SATISFACTIONS = ["satisfied", "basically_satisfied", "dissatisfied", "unrated"] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const SOLVED_VALUES = ["yes", "partly", "no"] as const;
export type Solved = (typeof SOLVED_VALUES)[number];

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** How an item's department / topic was decided: a person's correction wins over the source, the source over NLP. */
export const ROUTING_METHODS = ["human", "source", "model", "rules"] as const;
export type RoutingMethod = (typeof ROUTING_METHODS)[number];

const createdAt = () => integer("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const departments = sqliteTable(
  "departments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    shortName: text("short_name"),
    /** JSON array of other names sources use for this unit. */
    aliases: text("aliases").notNull().default("[]"),
    parentId: integer("parent_id"),
    kind: text("kind").notNull().default("bureau"), // bureau | district | enterprise | other
    sortOrder: integer("sort_order").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_name_uq").on(t.name), index("departments_parent_idx").on(t.parentId)],
);

export const topics = sqliteTable(
  "topics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** null for a first-level topic. */
    parentId: integer("parent_id"),
    level: integer("level").notNull(),
    /** JSON array of keywords for cold-start rules and the segmenter's user dictionary. */
    keywords: text("keywords").notNull().default("[]"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("topics_parent_name_uq").on(t.parentId, t.name), index("topics_level_idx").on(t.level)],
);

export const importRuns = sqliteTable(
  "import_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    status: text("status").notNull(), // running | done | failed | interrupted
    filePath: text("file_path").notNull(),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size"),
    fileSha256: text("file_sha256"),
    encoding: text("encoding"),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    preset: text("preset"),
    mappingName: text("mapping_name"),
    read: integer("read").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    warnings: integer("warnings").notNull().default(0),
    rejectsFile: text("rejects_file"),
    reportFile: text("report_file"),
    /** JSON object: unit name as written → row count, for names not in the department catalogue. */
    unmatchedUnits: text("unmatched_units").notNull().default("{}"),
    message: text("message"),
  },
  (t) => [index("import_runs_started_idx").on(t.startedAt), index("import_runs_source_idx").on(t.source)],
);

export const importRejects = sqliteTable(
  "import_rejects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importRunId: integer("import_run_id").notNull(),
    line: integer("line").notNull(),
    severity: text("severity").notNull(), // error (row rejected) | warning (row loaded, flagged)
    field: text("field"),
    reason: text("reason").notNull(),
    raw: text("raw"),
  },
  (t) => [index("import_rejects_run_idx").on(t.importRunId, t.line)],
);

export const weiboAccounts = sqliteTable(
  "weibo_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source").notNull(),
    name: text("name").notNull(),
    uid: text("uid"),
    departmentId: integer("department_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("weibo_accounts_source_name_uq").on(t.source, t.name), index("weibo_accounts_dept_idx").on(t.departmentId)],
);

export const weiboPosts = sqliteTable(
  "weibo_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    accountId: integer("account_id").notNull(),
    bid: text("bid"),
    text: text("text"),
    postedAt: integer("posted_at").notNull(),
    isOriginal: integer("is_original", { mode: "boolean" }).notNull().default(true),
    likes: integer("likes").notNull().default(0),
    reposts: integer("reposts").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    tool: text("tool"),
    location: text("location"),
    topicsText: text("topics_text"),
    mentions: text("mentions"),
    raw: text("raw").notNull(),
    contentHash: text("content_hash").notNull(),
    version: integer("version").notNull().default(1),
    importRunId: integer("import_run_id").notNull(),
    sourceFile: text("source_file").notNull(),
    sourceLine: integer("source_line").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("weibo_posts_source_ext_uq").on(t.source, t.externalId),
    index("weibo_posts_account_time_idx").on(t.accountId, t.postedAt),
    index("weibo_posts_time_idx").on(t.postedAt),
  ],
);

/**
 * Items are split in two: `items` holds what the dashboard filters, groups and counts (narrow rows, so scans and
 * index builds over millions of items touch few pages); `item_texts` holds the long texts and the raw source row,
 * one row per item with the same id.
 */
export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    type: text("type"), // 咨询 / 投诉 / 建议 / 求助 / 举报 / comment … as given
    author: text("author"),
    receivedAt: integer("received_at").notNull(),
    dispatchedAt: integer("dispatched_at"),
    signedAt: integer("signed_at"),
    firstContactAt: integer("first_contact_at"),
    repliedAt: integer("replied_at"),
    closedAt: integer("closed_at"),
    dueAt: integer("due_at"),
    returnVisitAt: integer("return_visit_at"),
    returnedCount: integer("returned_count").notNull().default(0),
    status: text("status").notNull(),
    statusRaw: text("status_raw"),
    satisfaction: text("satisfaction"),
    solved: text("solved"),
    publicationConsent: integer("publication_consent", { mode: "boolean" }),
    likes: integer("likes").notNull().default(0),
    opposes: integer("opposes").notNull().default(0),
    reposts: integer("reposts").notNull().default(0),
    commentsCount: integer("comments_count").notNull().default(0),
    departmentRaw: text("department_raw"),
    departmentId: integer("department_id"),
    topicRaw: text("topic_raw"),
    topicId: integer("topic_id"),
    location: text("location"),
    /** NLP routing (item_nlp has the confidence and terms), and a person's correction (item_corrections has who). */
    predictedDepartmentId: integer("predicted_department_id"),
    predictedTopicId: integer("predicted_topic_id"),
    humanDepartmentId: integer("human_department_id"),
    humanTopicId: integer("human_topic_id"),
    /** What the dashboard filters on: the person's choice, else the source's, else the model's. */
    routedDepartmentId: integer("routed_department_id").generatedAlwaysAs(
      sql`coalesce(human_department_id, department_id, predicted_department_id)`, { mode: "virtual" }),
    routedTopicId: integer("routed_topic_id").generatedAlwaysAs(
      sql`coalesce(human_topic_id, topic_id, predicted_topic_id)`, { mode: "virtual" }),
    /** Reply deadline in effect: the source's due_at, else the 口径 default on the working-day calendar (db/metrics/deadlines.ts). */
    deadlineAt: integer("deadline_at"),
    /** Answered = an official reply, or closed (a closed item without a reply time was finished all the same). */
    answeredAt: integer("answered_at").generatedAlwaysAs(sql`coalesce(replied_at, closed_at)`, { mode: "virtual" }),
    /** Excluded from assessment (剔除); item_exclusions has who, why and when. */
    excluded: integer("excluded", { mode: "boolean" }).notNull().default(false),
    /** A model or rule decided the routing with low confidence and no person has confirmed it. */
    needsReview: integer("needs_review", { mode: "boolean" }).notNull().default(false),
    sentiment: text("sentiment"),
    /** Weibo comments: the commented post's external id, and its row once that post is loaded. */
    weiboPostRef: text("weibo_post_ref"),
    weiboPostId: integer("weibo_post_id"),
    contentHash: text("content_hash").notNull(),
    version: integer("version").notNull().default(1),
    /** Provenance: the import run (import_runs has the file) and the line in that file. */
    importRunId: integer("import_run_id").notNull(),
    sourceLine: integer("source_line").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  // Department and topic are filtered through the routed columns (person > source > model), so the source's own
  // department_id and topic_id need no index of their own: each index costs every import a sort of the table.
  (t) => [
    uniqueIndex("items_source_ext_uq").on(t.source, t.externalId),
    index("items_received_idx").on(t.receivedAt),
    index("items_channel_received_idx").on(t.channel, t.receivedAt),
    index("items_status_due_idx").on(t.status, t.dueAt),
    index("items_routed_dept_received_idx").on(t.routedDepartmentId, t.receivedAt),
    index("items_routed_topic_received_idx").on(t.routedTopicId, t.receivedAt),
    index("items_sentiment_received_idx").on(t.sentiment, t.receivedAt),
    index("items_review_idx").on(t.receivedAt).where(sql`needs_review = 1`),
    // On-time reply rate counts items whose deadline or answer falls in the period; backlog reads open items by deadline.
    index("items_deadline_idx").on(t.deadlineAt),
    index("items_answered_idx").on(t.answeredAt),
    index("items_open_deadline_idx").on(t.deadlineAt).where(sql`replied_at IS NULL AND closed_at IS NULL`),
    // Partial indexes: only Weibo comments have a post, and only unmatched unit names need an admin's alias,
    // so hotline and mailbox rows (the bulk of every import) add nothing to these.
    index("items_unmatched_dept_idx").on(t.departmentRaw).where(sql`department_id IS NULL AND department_raw IS NOT NULL`),
    index("items_weibo_post_idx").on(t.weiboPostId).where(sql`weibo_post_id IS NOT NULL`),
    index("items_weibo_ref_idx").on(t.source, t.weiboPostRef).where(sql`weibo_post_ref IS NOT NULL`),
  ],
);

export const itemTexts = sqliteTable("item_texts", {
  itemId: integer("item_id").primaryKey(),
  title: text("title"),
  body: text("body"),
  replyText: text("reply_text"),
  /** The original source row (CSV line, or JSON of an XLSX / JSON record). */
  raw: text("raw").notNull(),
});

/** Previous versions of an item, written whenever a re-import changes it. */
export const itemHistory = sqliteTable(
  "item_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull(),
    version: integer("version").notNull(),
    importRunId: integer("import_run_id").notNull(),
    changedAt: integer("changed_at").notNull(),
    /** JSON of the item's fields before the change. */
    previous: text("previous").notNull(),
    changedFields: text("changed_fields").notNull(),
  },
  (t) => [index("item_history_item_idx").on(t.itemId, t.version)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const weiboPostHistory = sqliteTable(
  "weibo_post_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id").notNull(),
    version: integer("version").notNull(),
    importRunId: integer("import_run_id").notNull(),
    changedAt: integer("changed_at").notNull(),
    previous: text("previous").notNull(),
  },
  (t) => [index("weibo_post_history_post_idx").on(t.postId)],
);

/** NLP output per item: what the model or rules predicted, why, and the text-derived fields. */
export const itemNlp = sqliteTable("item_nlp", {
  itemId: integer("item_id").primaryKey(),
  departmentId: integer("department_id"),
  departmentConfidence: real("department_confidence"),
  topicId: integer("topic_id"),
  topicConfidence: real("topic_confidence"),
  /** model | rules (cold start: keyword rules from the catalogues). */
  method: text("method"),
  /** Model versions used, e.g. {"department":"dept-…","topic":"topic-…"}, or null for rules. */
  modelVersion: text("model_version"),
  /** JSON: {"department":[[term, weight], …], "topic":[…]}: the terms that drove each decision. */
  terms: text("terms"),
  sentiment: text("sentiment"),
  /** Confidence (model) or lexicon score (lexicon), for ordering examples. */
  sentimentScore: real("sentiment_score"),
  /** lexicon | model */
  sentimentMethod: text("sentiment_method"),
  sentimentModelVersion: text("sentiment_model_version"),
  /** JSON array of places mentioned in the text (districts, streets, communities, roads). */
  places: text("places"),
  /** JSON object of personal-data kinds found → count, or null when none. */
  personalData: text("personal_data"),
  /** null when there is no reply; false for placeholder replies such as 「已收悉」. */
  replySubstantive: integer("reply_substantive", { mode: "boolean" }),
  replyRelevance: real("reply_relevance"),
  updatedAt: integer("updated_at").notNull(),
});

/** Exclusions from assessment (剔除), audited: a revoked one is kept with who revoked it. */
export const EXCLUSION_REASONS = ["invalid", "duplicate", "outside_jurisdiction", "other"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export const itemExclusions = sqliteTable(
  "item_exclusions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull(),
    reason: text("reason").notNull(),
    note: text("note"),
    excludedBy: text("excluded_by").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedBy: text("revoked_by"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("item_exclusions_item_idx").on(t.itemId, t.createdAt)],
);

/** Every correction a person made to an item's routing; the latest per field is the training label. */
export const itemCorrections = sqliteTable(
  "item_corrections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull(),
    field: text("field").notNull(), // department | topic
    previousId: integer("previous_id"),
    newId: integer("new_id").notNull(),
    correctedBy: text("corrected_by").notNull(),
    note: text("note"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("item_corrections_item_idx").on(t.itemId, t.createdAt), index("item_corrections_time_idx").on(t.createdAt)],
);

/** Trained models, versioned; the newest active model of a kind classifies. */
export const models = sqliteTable(
  "models",
  {
    version: text("version").primaryKey(),
    kind: text("kind").notNull(), // department | topic | sentiment
    formatVersion: integer("format_version").notNull(),
    createdAt: integer("created_at").notNull(),
    trainedItems: integer("trained_items").notNull(),
    /** JSON: class ids or names in the model's order. */
    classes: text("classes").notNull(),
    /** JSON: training time, cross-validated scores when measured. */
    metrics: text("metrics").notNull().default("{}"),
    data: blob("data", { mode: "buffer" }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("models_kind_created_idx").on(t.kind, t.createdAt)],
);

/** Hot issues (热点): clusters of near-duplicate or same-place items found by the last clustering run. */
export const hotClusters = sqliteTable(
  "hot_clusters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    computedAt: integer("computed_at").notNull(),
    label: text("label").notNull(),
    place: text("place"),
    topicId: integer("topic_id"),
    departmentId: integer("department_id"),
    representativeItemId: integer("representative_item_id").notNull(),
    itemCount: integer("item_count").notNull(),
    writerCount: integer("writer_count").notNull(),
    likes: integer("likes").notNull(),
    firstAt: integer("first_at").notNull(),
    lastAt: integer("last_at").notNull(),
    heat: real("heat").notNull(),
    /** JSON array of the terms the cluster's items share. */
    keywords: text("keywords").notNull().default("[]"),
  },
  (t) => [index("hot_clusters_heat_idx").on(t.heat), index("hot_clusters_last_idx").on(t.lastAt)],
);

export const hotClusterItems = sqliteTable(
  "hot_cluster_items",
  {
    clusterId: integer("cluster_id").notNull(),
    itemId: integer("item_id").notNull(),
    similarity: real("similarity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.itemId] }), index("hot_cluster_items_item_idx").on(t.itemId)],
);

// Access (SPEC §1, §7): local accounts, their sessions, and the audit log of who did what.
export const ROLES = ["admin", "leader", "analyst", "department"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** scrypt$N$r$p$salt$hash (db/auth/passwords.ts). */
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    /** Department staff see only this department's items and figures. */
    departmentId: integer("department_id"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: integer("last_login_at"),
  },
  (t) => [uniqueIndex("users_name_uq").on(t.name)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie's random token: a stolen database holds no usable session. */
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const AUDIT_ACTIONS = ["login", "login_failed", "logout", "import", "correction", "exclusion", "export", "settings", "user"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    userId: integer("user_id"),
    /** The account name (or the name typed at a failed login). */
    userName: text("user_name"),
    action: text("action").notNull(),
    target: text("target"),
    /** JSON with the details (what changed, the filters of an export …). */
    detail: text("detail"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_at_idx").on(t.action, t.at), index("audit_log_user_idx").on(t.userId, t.at)],
);

// Daily rollups (db/metrics/rollups.ts): per Shanghai receipt day, the counts every period page sums instead of
// scanning items. They are a cache of `items`: triggers (migration 0005) mark a receipt day dirty whenever an item
// of that day is written, and the next refresh recomputes just those days. Department / topic 0 = none.
const rollupDims = () => ({
  day: integer("day").notNull(),
  channel: text("channel").notNull(),
  departmentId: integer("department_id").notNull(),
  topicId: integer("topic_id").notNull(),
  excluded: integer("excluded").notNull(),
});
const count = (name: string) => integer(name).notNull();

function rollupReceivedTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      ...rollupDims(),
      received: count("received"), answered: count("answered"), resolved: count("resolved"), satisfied: count("satisfied"),
      basicallySatisfied: count("basically_satisfied"), dissatisfied: count("dissatisfied"), validVisits: count("valid_visits"),
      visitsContacted: count("visits_contacted"), visitsSolved: count("visits_solved"), visitsSatisfied: count("visits_satisfied"),
      visitsBasicallySatisfied: count("visits_basically_satisfied"), excludedCount: count("excluded_count"),
      negative: count("negative"), positive: count("positive"), sentimentScored: count("sentiment_scored"),
    },
    (t) => [
      primaryKey({ columns: [t.day, t.channel, t.departmentId, t.topicId, t.excluded] }),
      index(`${name}_dept_idx`).on(t.departmentId, t.day),
      index(`${name}_topic_idx`).on(t.topicId, t.day),
    ],
  );
}

/**
 * Items with a deadline, by deadline day and answer day (-1 = not answered): the on-time reply rate. Without the
 * topic (a topic filter reads items), which halves the rows a quarter's on-time count reads.
 */
function rollupDueTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      day: integer("day").notNull(),
      channel: text("channel").notNull(),
      departmentId: integer("department_id").notNull(),
      excluded: integer("excluded").notNull(),
      deadlineDay: integer("deadline_day").notNull(),
      answerDay: integer("answer_day").notNull(),
      due: count("due"),
      onTime: count("on_time"),
    },
    (t) => [
      primaryKey({ columns: [t.day, t.deadlineDay, t.answerDay, t.channel, t.departmentId, t.excluded] }),
      // Covering: the on-time query reads these two indexes alone (deadline in the period, or answered in it).
      index(`${name}_deadline_idx`).on(t.deadlineDay, t.answerDay, t.excluded, t.channel, t.departmentId, t.due, t.onTime),
      index(`${name}_answer_idx`).on(t.answerDay, t.deadlineDay, t.excluded, t.channel, t.departmentId, t.due, t.onTime),
    ],
  );
}

/**
 * Answer-time histograms: how many items took each rounded time (db/metrics/timing.ts rounds), per measure
 * (1 = reply working days, 2 = close working days, 3 = hotline reply hours). Without the topic: a topic filter
 * reads items, which keeps these tables small.
 */
function rollupAnswerTimesTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      day: integer("day").notNull(),
      measure: integer("measure").notNull(),
      channel: text("channel").notNull(),
      excluded: integer("excluded").notNull(),
      tenths: integer("tenths").notNull(),
      n: count("n"),
    },
    (t) => [primaryKey({ columns: [t.day, t.measure, t.channel, t.excluded, t.tenths] })],
  );
}

function rollupAnswerTimesByDepartmentTable<N extends string>(name: N, departmentIndex: string) {
  return sqliteTable(
    name,
    {
      day: integer("day").notNull(),
      measure: integer("measure").notNull(),
      departmentId: integer("department_id").notNull(),
      channel: text("channel").notNull(),
      excluded: integer("excluded").notNull(),
      tenths: integer("tenths").notNull(),
      n: count("n"),
    },
    (t) => [
      primaryKey({ columns: [t.day, t.measure, t.departmentId, t.channel, t.excluded, t.tenths] }),
      index(departmentIndex).on(t.departmentId, t.day),
    ],
  );
}

export const rollupReceived = rollupReceivedTable("rollup_received");
export const rollupDue = rollupDueTable("rollup_due");
export const rollupAnswerTimes = rollupAnswerTimesTable("rollup_answer_times");
export const rollupAnswerTimesByDepartment = rollupAnswerTimesByDepartmentTable("rollup_answer_times_by_department", "rollup_answer_times_dept_idx");

// Monthly rollups: the daily tables summed per Shanghai month, with `day` = the month's first day number, so a
// range of whole months reads the same rows with the same conditions, about 30 times fewer of them. In
// rollup_due_monthly the deadline and answer days of answered items are month starts too; an unanswered item keeps
// its exact deadline day, because whether it is late yet depends on the cut-off day.
export const rollupReceivedMonthly = rollupReceivedTable("rollup_received_monthly");
export const rollupDueMonthly = rollupDueTable("rollup_due_monthly");
export const rollupAnswerTimesMonthly = rollupAnswerTimesTable("rollup_answer_times_monthly");
export const rollupAnswerTimesByDepartmentMonthly = rollupAnswerTimesByDepartmentTable("rollup_answer_times_by_department_monthly", "rollup_answer_times_by_department_monthly_dept_idx");

/** Open (unanswered) items by deadline day (-1 = none): the backlog's due-soon and overdue counts. */
export const rollupOpen = sqliteTable(
  "rollup_open",
  { ...rollupDims(), deadlineDay: integer("deadline_day").notNull(), open: count("open") },
  (t) => [
    primaryKey({ columns: [t.day, t.deadlineDay, t.channel, t.departmentId, t.topicId, t.excluded] }),
    index("rollup_open_deadline_idx").on(t.deadlineDay),
  ],
);

/** Receipt days whose rollup rows are stale (filled by triggers on items, emptied by a refresh). */
export const rollupDirtyDays = sqliteTable("rollup_dirty_days", { day: integer("day").primaryKey() });

/**
 * Items whose substring-search grams (item_grams, migration 0010) are missing or stale: filled by triggers on every
 * write to an item's text, receipt time or external id, emptied by db/search/grams-index.ts.
 */
export const itemGramsPending = sqliteTable("item_grams_pending", { itemId: integer("item_id").primaryKey() });

// Kept for type inference only.
export type ItemRow = typeof items.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;

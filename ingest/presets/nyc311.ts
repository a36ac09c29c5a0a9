// NYC 311 service requests: an English work-order format (承办单位 = Agency), New York local time.
import type { MappingInput } from "../mapping-schema";

function nyc311(name: string, description: string, c: (title: string, snake: string) => string): MappingInput {
  return {
    name,
    description,
    channel: "hotline",
    source: "nyc-311",
    timeZone: "America/New_York",
    dateOrder: "MDY",
    requiredColumns: [c("Unique Key", "unique_key"), c("Created Date", "created_date"), c("Agency", "agency"), c("Complaint Type", "complaint_type")],
    externalId: c("Unique Key", "unique_key"),
    fields: {
      receivedAt: { column: c("Created Date", "created_date"), required: true },
      closedAt: c("Closed Date", "closed_date"),
      dueAt: c("Due Date", "due_date"),
      departmentRaw: c("Agency", "agency"),
      title: c("Complaint Type", "complaint_type"),
      body: { columns: [c("Complaint Type", "complaint_type"), c("Descriptor", "descriptor"), c("Incident Address", "incident_address")], join: " / " },
      topicRaw: { columns: [c("Complaint Type", "complaint_type"), c("Descriptor", "descriptor")], join: "/" },
      status: c("Status", "status"),
      statusRaw: c("Status", "status"),
      // "Resolution Action Updated Date" is a last-update stamp (often the creation time, or a bare date), not a
      // reply time, so it is left in the raw row rather than mapped to repliedAt.
      replyText: c("Resolution Description", "resolution_description"),
      location: { columns: [c("Incident Address", "incident_address"), c("Borough", "borough")], join: ", " },
      type: c("Open Data Channel Type", "open_data_channel_type"),
    },
  };
}

export const nyc311Presets: MappingInput[] = [
  nyc311("nyc311-export", "NYC 311 website export CSV (Title Case headers, MM/DD/YYYY hh:mm:ss AM)", (title) => title),
  nyc311("nyc311-api", "NYC 311 Socrata API CSV (snake_case headers, ISO timestamps)", (_t, snake) => snake),
];

import "server-only";
import protobuf from "protobufjs";

/**
 * The subset of the OTLP trace protocol (opentelemetry-proto, trace/v1 + collector) that we
 * read, declared inline: field numbers as in the upstream .proto files. Unknown fields
 * (events, links, …) are skipped by the decoder.
 */
const PROTO = `
syntax = "proto3";
package otlp;
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
  int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10; Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

const root = protobuf.parse(PROTO, { keepCase: false }).root;
const Request = root.lookupType("otlp.ExportTraceServiceRequest");
const Response = root.lookupType("otlp.ExportTraceServiceResponse");

/** Decodes a protobuf export request into the same camelCase shape as OTLP/JSON (ids as hex, longs as strings). */
export function decodeTraceRequest(bytes: Uint8Array): unknown {
  const msg = Request.decode(bytes);
  return Request.toObject(msg, { longs: String, bytes: Array, defaults: false, oneofs: false });
}

export function encodeTraceResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (rejectedSpans === 0) return new Uint8Array(0);
  return Response.encode(Response.create({ partialSuccess: { rejectedSpans, errorMessage } })).finish();
}

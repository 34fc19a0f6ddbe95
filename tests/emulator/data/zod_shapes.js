// The zod shapes users write for an outputSchema (zod 4).
//   node zod_shapes.js schemas        print the JSON Schemas zod emits for them (zod_schemas.json)
//   node zod_shapes.js check < values print, per shape, whether zod accepts the value given for it
const z = require("zod");
const Node = z.object({ name: z.string(), get children() { return z.array(Node); } });
const shapes = {
  regex: z.object({ sku: z.string().regex(/^[A-Z]{3}-\d{4}$/) }),
  startsWith: z.object({ url: z.string().startsWith("https://") }),
  endsWith: z.object({ file: z.string().endsWith(".pdf") }),
  includes: z.object({ note: z.string().includes("@") }),
  lowercase: z.object({ slug: z.string().lowercase().min(3) }),
  uppercase: z.object({ code: z.string().uppercase().length(4) }),
  cuid: z.object({ id: z.cuid() }),
  cuid2: z.object({ id: z.cuid2() }),
  ulid: z.object({ id: z.ulid() }),
  nanoid: z.object({ id: z.nanoid() }),
  base64: z.object({ blob: z.base64() }),
  base64url: z.object({ blob: z.base64url() }),
  isoTime: z.object({ at: z.iso.time() }),
  isoDate: z.object({ on: z.iso.date() }),
  isoDatetime: z.object({ at: z.iso.datetime() }),
  isoDuration: z.object({ took: z.iso.duration() }),
  email: z.object({ email: z.email() }),
  uuid: z.object({ id: z.uuid() }),
  url: z.object({ link: z.url() }),
  ipv4: z.object({ ip: z.ipv4() }),
  ipv6: z.object({ ip: z.ipv6() }),
  emoji: z.object({ e: z.emoji() }),
  hex: z.object({ h: z.hex() }),
  jwt: z.object({ token: z.jwt() }),
  e164: z.object({ phone: z.e164() }),
  numberInt: z.object({ n: z.number().int() }),
  int: z.object({ n: z.int() }),
  nonnegative: z.object({ n: z.number().int().nonnegative() }),
  negative: z.object({ n: z.int().negative() }),
  int32: z.object({ n: z.int32() }),
  float: z.object({ price: z.number().multipleOf(0.01).positive() }),
  bounds: z.object({ n: z.number().gt(0.1).lt(0.2) }),
  recursive: Node,
  enumLiteral: z.object({ kind: z.enum(["a", "b"]), fixed: z.literal("x") }),
  union: z.object({ v: z.union([z.string().min(3), z.number()]) }),
  discriminated: z.discriminatedUnion("type", [z.object({ type: z.literal("a"), a: z.string() }), z.object({ type: z.literal("b"), b: z.number() })]),
  optionalNullable: z.object({ a: z.string().optional(), b: z.string().nullable() }),
  record: z.record(z.string().regex(/^[a-z]+$/), z.number()),
  tuple: z.tuple([z.string(), z.number().int()]),
  set: z.object({ tags: z.array(z.string()).min(2).max(5) }),
  strict: z.strictObject({ a: z.string() }),
  intersection: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })),
};
if (process.argv[2] === "schemas") {
  const out = {};
  for (const [name, schema] of Object.entries(shapes)) out[name] = z.toJSONSchema(schema);
  console.log(JSON.stringify(out, null, 1));
} else if (process.argv[2] === "check") {
  const values = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const out = {};
  for (const [name, value] of Object.entries(values)) {
    const result = shapes[name].safeParse(value);
    out[name] = result.success ? null : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
  console.log(JSON.stringify(out));
} else {
  console.error("usage: node zod_shapes.js schemas|check");
  process.exit(2);
}

// Validates every object of a multi-document YAML file (e.g. `kubectl kustomize` output) against the Kubernetes
// OpenAPI schemas compiled into the pinned npm package kubernetes-models, offline.
//   node tools/k8s/validate.mjs rendered.yaml
// Prints one line per object ("ok Kind/name" or "FAIL Kind/name: reasons") and exits 1 when any object fails.
// Beyond the schemas (types, required fields, enums, formats) it is strict like `kubeconform -strict`: a field the
// schema does not know (a typo such as `readinessprobe`) fails. The compiled validators visit exactly the properties
// their schema declares, and enumerate the keys of free-form maps (labels, annotations, data); a key of the input
// object that the validator neither read nor enumerated is therefore unknown to the schema.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion "group/version" or "version" (core) → the compiled schema module's name, e.g. IoK8sApiAppsV1Deployment.
function schemaModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const groupName = group.split(".")[0];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return `kubernetes-models/_schemas/IoK8sApi${cap(groupName)}${cap(version)}${kind}`;
}

function track(value, path, seen, all) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v, i) => track(v, `${path}/${i}`, seen, all));
  const copy = {};
  for (const [k, v] of Object.entries(value)) {
    all.add(`${path}/${k}`);
    copy[k] = track(v, `${path}/${k}`, seen, all);
  }
  return new Proxy(copy, {
    get(t, p, r) { if (typeof p === "string") seen.add(`${path}/${p}`); return Reflect.get(t, p, r); },
    has(t, p) { if (typeof p === "string") seen.add(`${path}/${p}`); return Reflect.has(t, p); },
    ownKeys(t) { for (const k of Reflect.ownKeys(t)) seen.add(`${path}/${String(k)}`); return Reflect.ownKeys(t); },
  });
}

async function validateObject(obj) {
  if (!obj || typeof obj !== "object") return ["not an object"];
  if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") return ["no apiVersion/kind"];
  let validate;
  try {
    ({ validate } = await import(schemaModule(obj.apiVersion, obj.kind)));
  } catch {
    return [`no schema for ${obj.apiVersion} ${obj.kind} in kubernetes-models (not a built-in kind of this Kubernetes version)`];
  }
  const seen = new Set(), all = new Set();
  const problems = [];
  if (!validate(track(obj, "", seen, all)))
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || "/"} ${e.keyword}: ${JSON.stringify(e.params)}`);
  // status is server-written and never in a manifest; anything else the schema never looked at is unknown.
  for (const p of all) if (!seen.has(p) && !p.startsWith("/status")) problems.push(`${p}: field not in the schema`);
  const name = obj.metadata?.name;
  if (typeof name !== "string" || name.length === 0) problems.push("/metadata/name: missing");
  return problems;
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs FILE.yaml");
  process.exit(2);
}
const docs = parseAllDocuments(readFileSync(file, "utf8"));
let failed = 0, count = 0;
for (const doc of docs) {
  if (doc.errors.length > 0) {
    console.log(`FAIL YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    failed++;
    continue;
  }
  const obj = doc.toJS();
  if (obj === null || obj === undefined) continue;
  // kustomize wraps long base64 Secret data into lines; the API server's decoder (Go's encoding/base64) skips
  // newlines, the schema's "byte" pattern does not, so compare what the server decodes.
  if (obj.kind === "Secret" && obj.data && typeof obj.data === "object")
    for (const k of Object.keys(obj.data)) if (typeof obj.data[k] === "string") obj.data[k] = obj.data[k].replace(/[\r\n]/g, "");
  count++;
  const problems = await validateObject(obj);
  const id = `${obj?.kind}/${obj?.metadata?.name}`;
  if (problems.length === 0) console.log(`ok ${id}`);
  else {
    failed++;
    console.log(`FAIL ${id}: ${problems.join("; ")}`);
  }
}
console.log(`${count} objects, ${failed} failed`);
process.exit(failed === 0 && count > 0 ? 0 : 1);

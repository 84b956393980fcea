import { execFileSync } from 'node:child_process';

/** Renders a JSON value as a Lua table constructor, so Lua scripts can be run on recorded objects. */
export function toLua(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `{${value.map(toLua).join(', ')}}`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `[${JSON.stringify(k)}] = ${toLua(v)}`,
  );
  return `{${entries.join(', ')}}`;
}

export const LUA = process.env.LUA ?? 'lua5.4';

export function luaAvailable(): boolean {
  try {
    execFileSync(LUA, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs an Argo CD Lua script with `obj` bound to the given object and returns its result,
 * serialised by a tiny Lua JSON encoder (Argo CD returns tables too).
 */
export function runArgoScript(scriptPath: string, obj: unknown): unknown {
  const program = `
obj = ${toLua(obj)}
local function enc(v)
  local t = type(v)
  if t == "nil" then return "null" end
  if t == "boolean" or t == "number" then return tostring(v) end
  if t == "string" then return string.format("%q", v):gsub("\\\\\\n", "\\\\n") end
  local isArray = #v > 0
  local parts = {}
  if isArray then
    for _, x in ipairs(v) do parts[#parts + 1] = enc(x) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  for k, x in pairs(v) do parts[#parts + 1] = string.format("%q", tostring(k)) .. ":" .. enc(x) end
  return "{" .. table.concat(parts, ",") .. "}"
end
local chunk = assert(loadfile(${JSON.stringify(scriptPath)}))
io.write(enc(chunk()))
`;
  const out = execFileSync(LUA, ['-'], { input: program, encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}

-- Argo CD health for pipedrive.sync.dev/PipedriveConnection.
-- Healthy when the connection was validated; Degraded when a human must act (Stalled, or Ready=False);
-- Progressing while the operator has not looked at the current spec yet.
local hs = { status = "Progressing", message = "Waiting for the operator to validate the connection" }
if obj.status == nil then return hs end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
   and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Spec change not yet validated"
  return hs
end
local ready = nil
for _, c in ipairs(obj.status.conditions or {}) do
  if c.type == "Stalled" and c.status == "True" then
    hs.status = "Degraded"
    hs.message = (c.reason or "Stalled") .. ": " .. (c.message or "")
    return hs
  end
  if c.type == "Ready" then ready = c end
end
if ready == nil then return hs end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Validated"
  return hs
end
if ready.status == "False" then
  -- Rate limits and outages on Pipedrive's side heal by themselves: keep them Progressing.
  if ready.reason == "RateLimited" or ready.reason == "ApiUnavailable" then
    hs.message = (ready.reason or "") .. ": " .. (ready.message or "")
    return hs
  end
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
  return hs
end
return hs

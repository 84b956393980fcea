-- Argo CD health for pipedrive.sync.dev/SyncJob, modelled on Argo CD's CronJob check:
-- Suspended when spec.suspend; Degraded when the last run failed or a human must act;
-- Healthy when scheduled (or its single run succeeded); Progressing otherwise.
-- A running sync does not flip health, so applications do not flap on every schedule.
local hs = { status = "Progressing", message = "Waiting for the operator" }
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended"
  return hs
end
if obj.status == nil then return hs end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
   and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Spec change not yet observed"
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
  hs.message = ready.message or ready.reason or "Ready"
  return hs
end
if ready.reason == "LastRunFailed" or ready.reason == "InvalidSchedule" or ready.reason == "InvalidTimeZone"
   or ready.reason == "DestinationSecretNotFound" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end
-- ConnectionNotReady, Running and unknown reasons: the operator is still working on it.
hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
return hs

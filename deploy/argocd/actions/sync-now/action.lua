-- "Sync now": sets the requested-at annotation to the current time; the operator runs the
-- SyncJob once for every new value and echoes it into status.lastHandledRequestedAt.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["pipedrive.sync.dev/requested-at"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj

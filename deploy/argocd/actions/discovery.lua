-- Argo CD resource actions for pipedrive.sync.dev/SyncJob.
local actions = {}
actions["sync-now"] = { ["disabled"] = false, ["iconClass"] = "fa fa-fw fa-play" }
return actions

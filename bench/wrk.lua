-- One endpoint under load. Each line of the requests file is one signed-in
-- user's request: method, path, session cookie, CSRF token, body (tab-separated,
-- empty fields allowed). Threads start at different lines and rotate, so
-- concurrent requests come from different users.
local lines = {}
local counter = 0
local threads = {}

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("BENCH_REQUESTS"), "r"))
  for line in file:lines() do
    if #line > 0 then table.insert(lines, split(line)) end
  end
  file:close()
  counter = (thread_id or 0) * 997
end

function request()
  counter = counter + 1
  local f = lines[(counter % #lines) + 1]
  local method, path, session, csrf, body = f[1], f[2], f[3], f[4], f[5]
  local headers = {}
  local cookies = {}
  if session ~= "" then table.insert(cookies, "sessionid=" .. session) end
  if csrf ~= "" then
    table.insert(cookies, "csrftoken=" .. csrf)
    headers["X-CSRFToken"] = csrf
  end
  if #cookies > 0 then headers["Cookie"] = table.concat(cookies, "; ") end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["HX-Request"] = "true"
  end
  if body == "" then body = nil end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  local errors = summary.errors
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d}',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
  out:close()
end

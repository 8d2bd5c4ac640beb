-- wrk script: cycle through a list of request paths and report one JSON line from done().
-- Usage: wrk ... -s cycle.lua http://127.0.0.1:PORT -- urls.tsv
-- Each line of urls.tsv is "path", "path<TAB>etag" (the etag is sent as If-None-Match) or
-- "path<TAB><TAB>body" (a POST of that one-line JSON body). Headers given with -H go on every request.
-- Counted per thread in response(): body bytes and status classes; 1xx/4xx/5xx are errors.
-- With BENCH_QUANTILES=N in the environment, done() also prints N evenly spaced latency quantiles
-- (microseconds) so that runs can be pooled; each costs a walk over wrk's histogram, so only on demand.

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local list = {}
  for line in io.lines(args[1]) do
    local path, etag, body = line:match("^([^\t]+)\t?([^\t]*)\t?(.*)$")
    if path then
      local headers = {}
      for name, value in pairs(wrk.headers) do
        headers[name] = value
      end
      if etag ~= nil and etag ~= "" then
        headers["If-None-Match"] = etag
      end
      if body ~= nil and body ~= "" then
        headers["Content-Type"] = "application/geo+json"
        list[#list + 1] = wrk.format("POST", path, headers, body)
      else
        list[#list + 1] = wrk.format("GET", path, headers)
      end
    end
  end
  requests_list = list
  -- threads start at different places in the list so they do not ask for the same tile together
  position = (thread_index * 97) % #list
  body_bytes, responses, s2xx, s3xx, bad = 0, 0, 0, 0, 0
end

function request()
  position = position % #requests_list + 1
  return requests_list[position]
end

function response(status, headers, body)
  responses = responses + 1
  if body then
    body_bytes = body_bytes + #body
  end
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
  elseif status >= 300 and status < 400 then
    s3xx = s3xx + 1
  else
    bad = bad + 1
  end
end

local function quantiles(latency)
  local n = tonumber(os.getenv("BENCH_QUANTILES") or "0")
  local values = {}
  for i = 1, n do
    values[i] = string.format("%d", latency:percentile((i - 0.5) * 100 / n))
  end
  return "[" .. table.concat(values, ",") .. "]"
end

function done(summary, latency, requests)
  local totals = { body_bytes = 0, responses = 0, s2xx = 0, s3xx = 0, bad = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do
      totals[key] = totals[key] + (thread:get(key) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"duration_us": %d, "requests": %d, "bytes": %d, "body_bytes": %d, "responses": %d, '
      .. '"s2xx": %d, "s3xx": %d, "http_errors": %d, "connect": %d, "read": %d, "write": %d, '
      .. '"timeout": %d, "status_errors": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f, "max_us": %d, "quantiles_us": %s}\n',
    summary.duration, summary.requests, summary.bytes, totals.body_bytes, totals.responses,
    totals.s2xx, totals.s3xx, totals.bad, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    quantiles(latency)
  ))
end

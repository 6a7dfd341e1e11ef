-- wrk script for single-sale posting: POST /api/v1/sales with a new Idempotency-Key per
-- request, a random active seller of the generated network (every 23rd distributor is
-- Inactive and is skipped) and one product line. Arguments: <distributors> <run id>.
-- Prints p50/p95/p99 in milliseconds on the line the benchmark parses, like percentiles.lua.
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function(args)
  distributors = tonumber(args[1])
  run = args[2]
  counter = 0
  math.randomseed(id * 7919 + distributors)
end

request = function()
  counter = counter + 1
  local seller = math.random(2, distributors)
  while seller % 23 == 0 do
    seller = math.random(2, distributors)
  end
  local body = string.format('{"distributorId":%d,"lines":[{"sku":"VIT-C","quantity":%d}]}', seller, 1 + seller % 3)
  -- wrk.format uses the headers given instead of wrk.headers (Host, and the API key from -H).
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, id, counter)
  return wrk.format("POST", "/api/v1/sales", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("PCT %.3f %.3f %.3f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end

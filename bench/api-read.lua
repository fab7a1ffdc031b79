-- wrk script for bench/api-read.sh: GET a path drawn uniformly at random from a file (one path
-- per line), status codes counted per thread and summed at the end.
--
--   wrk -t2 -c64 -d15s -s bench/api-read.lua http://127.0.0.1:8285 -- paths.txt label
--
-- done() prints one line that bench/api-read.sh parses:
--   RESULT label=.. requests=.. rps=.. p50_ms=.. p99_ms=.. max_ms=.. errors=.. statuses=200:n

local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   local file = args[1] or error("usage: -- <paths-file> [label]")
   paths = {}
   for line in io.lines(file) do
      if line ~= "" then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error("no paths in " .. file)
   end
   math.randomseed(os.time() * 1000 + id * 7919)
   counts = {}
   label = args[2] or file
end

function request()
   return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals, label = {}, nil
   for _, thread in ipairs(threads) do
      label = label or thread:get("label")
      for status, count in pairs(thread:get("counts")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   local statuses, parts = {}, {}
   for status in pairs(totals) do
      statuses[#statuses + 1] = status
   end
   table.sort(statuses)
   for _, status in ipairs(statuses) do
      parts[#parts + 1] = status .. ":" .. totals[status]
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT label=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d statuses=%s\n",
      label or "-", summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, e.connect + e.read + e.write + e.timeout + e.status,
      (#parts > 0) and table.concat(parts, ",") or "-"))
end

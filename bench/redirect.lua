-- wrk script for bench/redirect.sh and bench/api-read.sh: GET /<code> with a code drawn uniformly at
-- random from a file (one code per line; a file with one line is the "hot code" scenario), status
-- codes counted per thread and summed at the end.
--
--   wrk -t2 -c64 -d20s -s bench/redirect.lua http://127.0.0.1:8085 -- codes.txt [label]
--
-- With "pass <threads> <marker prefix>" after the label, the threads instead ask for every code of
-- the file once, in file order, thread i taking lines i, i + threads, ...; a thread that has its
-- last answer creates the file <marker prefix><i> and stops. wrk itself runs until its -d or a
-- SIGINT, so the caller waits for all markers and then interrupts it.
--
--   wrk -t2 -c64 -d3600s -s bench/redirect.lua http://127.0.0.1:8085 -- codes.txt warm pass 2 /tmp/done-
--
-- With "generated:<n>" instead of a file, the codes are bench/generate-links.sql's first n
-- (b0000001, b0000002, ...), made from their number per request. bench/redirect.sh --scale draws
-- its codes so: a list of a million codes costs wrk itself 3-8 us more per request than a list
-- of ten thousand (a Lua table and strings that no longer fit the CPU's caches), and takes each
-- thread about a second to read while the threads already started are sending
-- (bench/wrk-locations.sh measures both).
--
-- With "clients <n>" after the label, each request comes from one of n client addresses drawn at
-- random (X-Forwarded-For 11.x.y.z, which a replica honours from its trusted loopback proxy and
-- Nginx's static 302 ignores): traffic from many clients, each far below its limits. A file line
-- may be any path below the root ("urls/42" asks for GET /urls/42).
--
--   wrk -t2 -c64 -d20s -s bench/redirect.lua http://127.0.0.1:8085 -- codes.txt redirects clients 16777216
--
-- done() prints one line that bench/redirect.sh parses:
--   RESULT label=.. requests=.. duration_s=.. rps=.. p50_ms=.. p99_ms=.. max_ms=.. s302=.. s200=.. other=..
--     sock_connect=.. sock_read=.. sock_write=.. sock_timeout=.. statuses=302:n,404:n

local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   local file = args[1] or error("usage: -- <codes-file>|generated:<n> [label]")
   codes = {}
   local count = file:match("^generated:(%d+)$")
   if count then
      generated = true
      n = tonumber(count)
   else
      for line in io.lines(file) do
         if line ~= "" then
            codes[#codes + 1] = "/" .. line
         end
      end
      if #codes == 0 then
         error("no codes in " .. file)
      end
      n = #codes
   end
   -- Threads must not draw the same sequence; the time alone can be equal for all of them.
   math.randomseed(os.time() * 1000 + id * 7919)
   counts = {}
   label = args[2] or file
   if args[3] == "clients" then
      clients = tonumber(args[4]) or error("clients needs the number of client addresses")
   end
   if args[3] == "pass" then
      stride = tonumber(args[4]) or error("pass needs the number of threads")
      marker = args[5] or error("pass needs a marker prefix")
      nextline = id
      share = (id <= n) and math.floor((n - id) / stride) + 1 or 0
      answered = 0
      if share == 0 then
         finish()
      end
   end
end

-- Marks this thread's pass done and stops it.
function finish()
   local f = io.open(marker .. id, "w")
   f:close()
   wrk.thread:stop()
end

-- The path of code number i: line i of the file, or bench/generate-links.sql's code number i.
local function path(i)
   if generated then
      return string.format("/b%07x", i)
   end
   return codes[i]
end

function request()
   if stride then
      -- Past the end (answers still on their way), the first line again.
      local line = (nextline <= n) and nextline or id
      nextline = nextline + stride
      return wrk.format("GET", path(line))
   end
   if clients then
      local c = math.random(0, clients - 1)
      local address = "11." .. (math.floor(c / 65536) % 256) .. "." .. (math.floor(c / 256) % 256) .. "." .. (c % 256)
      return wrk.format("GET", path(math.random(n)), { ["X-Forwarded-For"] = address })
   end
   return wrk.format("GET", path(math.random(n)))
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
   if stride then
      answered = answered + 1
      if answered == share then
         finish()
      end
   end
end

function done(summary, latency, requests)
   local totals, label = {}, nil
   for _, thread in ipairs(threads) do
      label = label or thread:get("label")
      for status, count in pairs(thread:get("counts")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   local s302, s200, other, parts = totals[302] or 0, totals[200] or 0, 0, {}
   local statuses = {}
   for status in pairs(totals) do
      statuses[#statuses + 1] = status
   end
   table.sort(statuses)
   for _, status in ipairs(statuses) do
      if status ~= 302 then
         other = other + totals[status]
      end
      parts[#parts + 1] = status .. ":" .. totals[status]
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "RESULT label=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f s302=%d s200=%d other=%d " ..
      "sock_connect=%d sock_read=%d sock_write=%d sock_timeout=%d statuses=%s\n",
      label or "-", summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, s302, s200, other,
      e.connect, e.read, e.write, e.timeout, (#parts > 0) and table.concat(parts, ",") or "-"))
end

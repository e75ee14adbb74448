-- bench-mix readers (tests/bench/mix.py). Each line of MIX_PATHS is "<kind>\t<path>":
-- P a page, C the same with the remembered-commenter cookie (MIX_COOKIE), R a search for
-- three random words drawn here (so that no two are alike), Q the same with the cookie.
-- Every answer is counted by how the caches said they served it: Varnish's X-Cache (HIT,
-- MISS, PASS) and the app's X-Page-Cache (hit, miss), "-" when absent. done() prints the
-- counts as JSON.
-- Each request is timed here, from the moment wrk asks for it to its answer: mix.py runs wrk
-- with one connection per thread, so a thread's requests and answers alternate. wrk's own
-- latency figures are corrected for coordinated omission (stats_correct: an answer that took
-- n intervals is counted again at every interval below it, as if the requests a closed loop
-- did not send had all waited too); per request, a reader's search does not hold up another
-- reader's page. done() prints both.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } newsroom_timespec;
int clock_gettime(int clock, newsroom_timespec *now);
]]
local CLOCK_MONOTONIC, clock = 1, ffi.new("newsroom_timespec")
local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

-- Latencies kept to three significant digits: microseconds below 1 ms, then coarser.
local function bucket(us)
  local step = 1
  while us >= step * 1000 do
    step = step * 10
  end
  return math.floor(us / step) * step
end

local threads = {}

-- MIX_THINK_MS set: each connection is a reader who waits a random time (exponential, of that
-- mean) after each answer before the next request, so that readers arrive at a rate of their
-- own rather than as fast as the site answers (mix.py's paced run).
local think = tonumber(os.getenv("MIX_THINK_MS") or "")
if think then
  function delay()
    -- rounded, not floored: wrk waits whole milliseconds, and flooring made readers come
    -- about half a millisecond sooner each time than the rate offered
    return math.floor(-math.log(1 - math.random()) * think + 0.5)
  end
end

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local lines, words = {}, {}
local plain, cookied = {}, {}
local position = 0
local started = nil
counts = {}
latencies = {} -- bucket (us): how many answers
-- A request asked for before the last one's answer. wrk asks the first thread's script for one
-- request to check it (script_verify_request), so 1 in every run; more means threads holding
-- several connections, or connections that broke with a request unanswered.
overlapped = 0

local function search(headers)
  local q = {}
  for k = 1, 3 do
    q[k] = words[math.random(#words)]
  end
  return wrk.format("GET", "/tim-kiem/?q=" .. table.concat(q, "+"), headers)
end

function init(args)
  for name, value in pairs(wrk.headers) do
    plain[name] = value
    cookied[name] = value
  end
  cookied["Cookie"] = os.getenv("MIX_COOKIE")
  for word in string.gmatch(os.getenv("MIX_WORDS"), "%S+") do
    table.insert(words, word)
  end
  for line in io.lines(os.getenv("MIX_PATHS")) do
    local kind, path = line:match("^(%a)\t(.*)$")
    if kind == "P" then
      table.insert(lines, wrk.format("GET", path, plain))
    elseif kind == "C" then
      table.insert(lines, wrk.format("GET", path, cookied))
    else
      table.insert(lines, kind)
    end
  end
  math.randomseed(os.time() * 1000 + id)
  position = math.random(#lines)
end

function request()
  if started then
    overlapped = overlapped + 1
  end
  started = now_us()
  position = position % #lines + 1
  local line = lines[position]
  if line == "R" then
    return search(plain)
  elseif line == "Q" then
    return search(cookied)
  end
  return line
end

function response(status, headers, body)
  if started then
    local us = bucket(math.floor(now_us() - started))
    latencies[us] = (latencies[us] or 0) + 1
    started = nil
  end
  local key = (headers["X-Cache"] or "-") .. "/" .. (headers["X-Page-Cache"] or "-")
  counts[key] = (counts[key] or 0) + 1
end

-- The answer below which `share` of the timed answers fell (nearest rank), in ms.
local function percentile(merged, keys, timed, share)
  local rank, seen = math.ceil(share * timed), 0
  for _, us in ipairs(keys) do
    seen = seen + merged[us]
    if seen >= rank then
      return us / 1000
    end
  end
  return 0
end

local function per_request()
  local merged, keys, timed, overlaps = {}, {}, 0, 0
  for _, thread in ipairs(threads) do
    for us, n in pairs(thread:get("latencies")) do
      if not merged[us] then
        table.insert(keys, us)
      end
      merged[us] = (merged[us] or 0) + n
      timed = timed + n
    end
    overlaps = overlaps + thread:get("overlapped")
  end
  table.sort(keys)
  return string.format(
    '{"timed": %d, "overlapped": %d, "p50_ms": %.3f, "p99_ms": %.3f, "p99_9_ms": %.3f}',
    timed, overlaps, percentile(merged, keys, timed, 0.50), percentile(merged, keys, timed, 0.99),
    percentile(merged, keys, timed, 0.999))
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do
      total[key] = (total[key] or 0) + n
    end
  end
  local parts = {}
  for key, n in pairs(total) do
    table.insert(parts, string.format('"%s": %d', key, n))
  end
  io.write('{"cache_answers": {' .. table.concat(parts, ", ") .. '}, "per_request": '
    .. per_request() .. "}\n")
end

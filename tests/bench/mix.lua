-- bench-mix readers (tests/bench/mix.py). Each line of MIX_PATHS is "<kind>\t<path>":
-- P a page, C the same with the remembered-commenter cookie (MIX_COOKIE), R a search for
-- three random words drawn here (so that no two are alike), Q the same with the cookie.
-- Every answer is counted by how the caches said they served it: Varnish's X-Cache (HIT,
-- MISS, PASS) and the app's X-Page-Cache (hit, miss), "-" when absent. done() prints the
-- counts as JSON.
local threads = {}

-- MIX_THINK_MS set: each connection is a reader who waits a random time (exponential, of that
-- mean) after each answer before the next request, so that readers arrive at a rate of their
-- own rather than as fast as the site answers (mix.py's paced run).
local think = tonumber(os.getenv("MIX_THINK_MS") or "")
if think then
  function delay()
    return math.floor(-math.log(1 - math.random()) * think)
  end
end

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local lines, words = {}, {}
local plain, cookied = {}, {}
local position = 0
counts = {}

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
  local key = (headers["X-Cache"] or "-") .. "/" .. (headers["X-Page-Cache"] or "-")
  counts[key] = (counts[key] or 0) + 1
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
  io.write('{"cache_answers": {' .. table.concat(parts, ", ") .. "}}\n")
end

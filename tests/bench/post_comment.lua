-- wrk script: every request posts a new, unique comment with a valid CSRF pair.
-- The pair, the signed render time and the story path come from the environment.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local run_id = os.time()

function init(args)
  thread_id = id
end

function request()
  counter = counter + 1
  local marker = string.format("r%d-t%d-n%d", run_id, thread_id, counter)
  local body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF_TOKEN")
    .. "&rendered=" .. os.getenv("BENCH_RENDERED")
    .. "&website=&parent="
    .. "&name=B%E1%BA%A1n+%C4%91%E1%BB%8Dc+" .. marker
    .. "&email=" .. marker .. "%40example.com"
    .. "&body=B%C3%ACnh+lu%E1%BA%ADn+th%E1%BB%AD+t%E1%BA%A3i+" .. marker
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF_SECRET"),
    ["Referer"] = "http://127.0.0.1/",
  }
  return wrk.format("POST", os.getenv("BENCH_POST_PATH"), headers, body)
end

-- wrk script for bench/serve_load.sh: each request asks /api/events for one dyad, picked at
-- random from the dyads given after `--`, and one of its first pages (so the cache, when on,
-- does not see one URL only). Written by the attache team.
local dyads = {}
local pages = 4
local limit = 50

function init(args)
  for _, d in ipairs(args) do
    local a, b = d:match("^(%w+):(%w+)$")
    if a then dyads[#dyads + 1] = { a, b } end
  end
  if #dyads == 0 then dyads[1] = { "PAK", "AFG" } end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000)
end

function request()
  local d = dyads[math.random(#dyads)]
  local offset = (math.random(pages) - 1) * limit
  return wrk.format("GET", string.format("/api/events?actor=%s&target=%s&limit=%d&offset=%d", d[1], d[2], limit, offset))
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.0f errors=%d non2xx=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), errors, summary.errors.status))
end

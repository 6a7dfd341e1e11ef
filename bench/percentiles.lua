-- wrk reports p50/p95/p99 in milliseconds on one line the benchmark parses.
done = function(summary, latency, requests)
  io.write(string.format("PCT %.3f %.3f %.3f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end

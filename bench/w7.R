# W7 peer: forecast::ets with its defaults (AICc selection among the same candidates) and
# forecast(h, level = c(80, 95)) on every column of the CSV written by bench/w7.ts.
# Usage: Rscript bench/w7.R series.csv runs out.json
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
runs <- as.integer(args[2])
once <- function() {
  models <- character(ncol(data))
  for (k in seq_len(ncol(data))) {
    y <- ts(data[[k]], frequency = 12)
    fit <- ets(y)
    fc <- forecast(fit, h = 12, level = c(80, 95))
    models[k] <- paste0(fit$components[1], fit$components[2], ifelse(fit$components[4] == "TRUE", "d", ""), fit$components[3])
  }
  models
}
times <- numeric(runs)
cpu <- numeric(runs)
models <- NULL
for (r in seq_len(runs)) {
  t0 <- proc.time()
  models <- once()
  t1 <- proc.time()
  times[r] <- (t1[["elapsed"]] - t0[["elapsed"]]) * 1000
  cpu[r] <- (t1[["user.self"]] + t1[["sys.self"]] - t0[["user.self"]] - t0[["sys.self"]]) * 1000
}
cat(sprintf('{"times_ms":[%s],"cpu_ms":[%s],"models":[%s],"version":"%s"}\n', paste(times, collapse = ","), paste(cpu, collapse = ","), paste0('"', models, '"', collapse = ","), as.character(packageVersion("forecast"))), file = args[3])

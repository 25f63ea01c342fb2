# Reads the CmdStan CSV files of a fixture folder, by default tests/Hmc.Native.Tests/Fixtures/Diagnostics (written by
# Hmc.Native's CmdStanCsvWriter; one file per chain, SET_K.csv for chain K of data set SET; also run on
# tests/Hmc.Native.Tests/Fixtures/Rstan, files written by rstan itself) with rstan::read_stan_csv, turns each fit into posterior draws
# (posterior::as_draws_df of the fit's draws) and writes, for every variable including lp__, posterior's summary
# statistics and convergence diagnostics to posterior.json in the same folder, with what rstan read from the files
# (chains, draws, chain ids, step sizes, elapsed times) and rstan's E-BFMI of each chain. The NUnit tests compare Hmc.Native's diagnostics with them.
#
# Usage (from the repository root): Rscript tests/r/diagnostics.R [FIXTURE_DIR]
suppressPackageStartupMessages({
  library(rstan)
  library(posterior)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "tests/Hmc.Native.Tests/Fixtures/Diagnostics"

csv_files <- list.files(dir, pattern = "^.+_[0-9]+\\.csv$")
sets <- sort(unique(sub("_[0-9]+\\.csv$", "", csv_files)))

# rstan and posterior name elements theta[1], L[2,1]; Stan's CSV names are theta.1, L.2.1.
csv_name <- function(name) gsub("[][,]", ".", sub("\\]$", "", name))

value <- function(x) if (is.na(x)) NA_real_ else x

step_size <- function(info) as.numeric(sub(".*Step size = ([^\n]*).*", "\\1", info))

summarise_set <- function(set) {
  files <- csv_files[startsWith(csv_files, paste0(set, "_"))]
  files <- files[order(as.integer(sub(".*_([0-9]+)\\.csv$", "\\1", files)))]
  fit <- read_stan_csv(file.path(dir, files))
  draws <- as_draws_df(as.array(fit))
  variables <- lapply(variables(draws), function(v) {
    x <- extract_variable_matrix(draws, v)
    list(
      name = csv_name(v),
      mean = mean(x),
      sd = sd(x),
      q5 = unname(quantile(x, 0.05)),
      median = median(x),
      q95 = unname(quantile(x, 0.95)),
      ess_basic = value(ess_basic(x)),
      ess_bulk = value(ess_bulk(x)),
      ess_tail = value(ess_tail(x)),
      ess_median = value(ess_median(x)),
      rhat_basic = value(rhat_basic(x)),
      rhat = value(rhat(x)),
      mcse_mean = value(mcse_mean(x)),
      mcse_q5 = value(mcse_quantile(x, 0.05)),
      mcse_median = value(mcse_median(x)),
      mcse_q95 = value(mcse_quantile(x, 0.95))
    )
  })
  elapsed <- get_elapsed_time(fit)
  sampler_params <- get_sampler_params(fit, inc_warmup = FALSE)
  list(
    name = set,
    files = files,
    chains = fit@sim$chains,
    draws_per_chain = nrow(as.array(fit)),
    warmup = fit@sim$warmup,
    thin = fit@sim$thin,
    chain_ids = sapply(fit@stan_args, function(a) a$chain_id),
    samplers = sapply(fit@stan_args, function(a) if (is.null(a$sampler_t)) NA_character_ else a$sampler_t),
    step_sizes = sapply(get_adaptation_info(fit), step_size),
    warmup_seconds = unname(elapsed[, "warmup"]),
    sampling_seconds = unname(elapsed[, "sample"]),
    divergences = sapply(sampler_params, function(p) sum(p[, "divergent__"])),
    ebfmi = unname(get_bfmi(fit)),
    variables = variables
  )
}

result <- list(
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  posterior_version = as.character(packageVersion("posterior")),
  rstan_version = as.character(packageVersion("rstan")),
  sets = lapply(sets, summarise_set)
)
writeLines(toJSON(result, auto_unbox = TRUE, digits = I(17), na = "null", pretty = TRUE),
           file.path(dir, "posterior.json"))
cat("wrote", file.path(dir, "posterior.json"), "for sets", sets, "\n")

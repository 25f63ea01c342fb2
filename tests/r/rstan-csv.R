# Writes CmdStan CSV files with rstan's sample_file, for tests/Hmc.Native.Tests/Fixtures/Rstan: a tiny model with a
# vector, a Cholesky factor (a matrix, named L.i.j as Stan names matrix elements) and a positive scalar, sampled by
# NUTS with a diagonal metric (two chains) and with a dense metric (one chain), warm-up draws saved as rstan does
# by default.
#
# Usage (from the repository root): Rscript tests/r/rstan-csv.R [OUTPUT_DIR]
suppressPackageStartupMessages(library(rstan))

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "tests/Hmc.Native.Tests/Fixtures/Rstan"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

code <- "
parameters {
  vector[2] theta;
  cholesky_factor_corr[2] L;
  real<lower=0> sigma;
}
model {
  theta ~ normal(0, 1);
  L ~ lkj_corr_cholesky(2);
  sigma ~ exponential(1);
}
"
# Debian's r-cran-bh is a stub over the system Boost (libboost-dev), whose headers are in /usr/include.
boost <- system.file("include", package = "BH")
if (!nzchar(boost)) boost <- "/usr/include"
model <- stan_model(model_code = code, model_name = "tiny", boost_lib = boost)
diag_fit <- sampling(model, chains = 2, iter = 200, warmup = 100, seed = 20261203, refresh = 0,
                     sample_file = file.path(out, "tiny_diag.csv"))
dense_fit <- sampling(model, chains = 1, iter = 200, warmup = 100, seed = 20261204, refresh = 0,
                      control = list(metric = "dense_e"), sample_file = file.path(out, "tiny_dense.csv"))
print(diag_fit)
print(dense_fit)

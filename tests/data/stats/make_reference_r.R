#!/usr/bin/Rscript
# Reference numbers from R (pROC, glmnet, stats) for the C++ tests. Run once from this folder:
#   Rscript make_reference_r.R   -> reference_r.csv (name,value) and lasso_reference.csv
suppressMessages({ library(pROC); library(glmnet) })
d <- read.csv("cohort.csv", stringsAsFactors = FALSE)
out <- list()
put <- function(name, value) out[[name]] <<- value

put("versions.pROC", as.character(packageVersion("pROC")))
put("versions.glmnet", as.character(packageVersion("glmnet")))
put("versions.R", R.version.string)

# ROC / DeLong: direction fixed (controls < cases), as drs roc defines it.
rocOf <- function(label, score) roc(label, score, levels = c(0, 1), direction = "<", quiet = TRUE)
for (case in list(c("label", "score_a"), c("label", "score_b"), c("label_rare", "score_a"))) {
  r <- rocOf(d[[case[1]]], d[[case[2]]])
  ci <- ci.auc(r, method = "delong")
  key <- paste0("roc.", case[1], ".", case[2])
  put(paste0(key, ".auc"), as.numeric(auc(r)))
  put(paste0(key, ".var"), var(r, method = "delong"))
  put(paste0(key, ".ci_low"), ci[1]); put(paste0(key, ".ci_high"), ci[3])
  co <- coords(r, "best", best.method = "youden", ret = c("threshold", "sensitivity", "specificity"))
  put(paste0(key, ".youden_threshold"), co$threshold[1])
  put(paste0(key, ".youden_sensitivity"), co$sensitivity[1])
  put(paste0(key, ".youden_specificity"), co$specificity[1])
}
ra <- rocOf(d$label, d$score_a); rb <- rocOf(d$label, d$score_b)
t <- roc.test(ra, rb, method = "delong", paired = TRUE)
put("delong_paired.z", unname(t$statistic)); put("delong_paired.p", t$p.value)
put("delong_paired.auc1", unname(t$estimate[1])); put("delong_paired.auc2", unname(t$estimate[2]))
# Unpaired: the first 180 rows with score_a against the other 175 with score_b.
r1 <- rocOf(d$label[1:180], d$score_a[1:180]); r2 <- rocOf(d$label[181:355], d$score_b[181:355])
tu <- roc.test(r1, r2, method = "delong", paired = FALSE)
put("delong_unpaired.d", unname(tu$statistic)); put("delong_unpaired.p", tu$p.value)

# Hypothesis tests.
w <- wilcox.test(deep_1 ~ label, data = d, exact = FALSE, correct = TRUE)
put("wilcox.deep_1.W", unname(w$statistic)); put("wilcox.deep_1.p", w$p.value)
w <- wilcox.test(score_b ~ label, data = d, exact = FALSE, correct = TRUE)
put("wilcox.score_b.W", unname(w$statistic)); put("wilcox.score_b.p", w$p.value)
tt <- t.test(deep_1 ~ label, data = d)
put("welch.deep_1.t", unname(tt$statistic)); put("welch.deep_1.df", unname(tt$parameter)); put("welch.deep_1.p", tt$p.value)
cs <- chisq.test(table(d$sex, d$label))
put("chisq.sex_label.stat", unname(cs$statistic)); put("chisq.sex_label.p", cs$p.value)
cs <- chisq.test(table(d$sex, d$label), correct = FALSE)
put("chisq_nocorrect.sex_label.stat", unname(cs$statistic)); put("chisq_nocorrect.sex_label.p", cs$p.value)
cs <- chisq.test(table(d$stage, d$label))
put("chisq.stage_label.stat", unname(cs$statistic)); put("chisq.stage_label.df", unname(cs$parameter)); put("chisq.stage_label.p", cs$p.value)
tab <- table(d$sex, d$label_rare)
put("fisher.sex_rare.a", tab[1, 1]); put("fisher.sex_rare.b", tab[1, 2]); put("fisher.sex_rare.c", tab[2, 1]); put("fisher.sex_rare.d", tab[2, 2])
put("fisher.sex_rare.p", fisher.test(tab)$p.value)
put("fisher.small.p", fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value)
put("fisher.skew.p", fisher.test(matrix(c(10, 2, 3, 15), 2))$p.value)
ct <- cor.test(d$deep_1, d$radscore_tumour, method = "pearson")
put("pearson.deep_1.radscore_tumour.r", unname(ct$estimate)); put("pearson.deep_1.radscore_tumour.p", ct$p.value)
ct <- cor.test(d$deep_1, d$radscore_tumour, method = "spearman", exact = FALSE)
put("spearman.deep_1.radscore_tumour.rho", unname(ct$estimate)); put("spearman.deep_1.radscore_tumour.p", ct$p.value)
ct <- cor.test(d$score_b, d$deep_4, method = "spearman", exact = FALSE)
put("spearman.score_b.deep_4.rho", unname(ct$estimate)); put("spearman.score_b.deep_4.p", ct$p.value)

# Distribution functions at assorted points (the building blocks of every p-value).
for (a in c(0.5, 2, 10)) for (b in c(0.5, 3, 40)) for (x in c(0.01, 0.3, 0.9))
  put(sprintf("pbeta.%g.%g.%g", x, a, b), pbeta(x, a, b))
for (s in c(0.5, 3, 25)) for (x in c(0.1, 2, 30)) put(sprintf("pgamma.%g.%g", x, s), pgamma(x, s))
for (df in c(1, 4.5, 30, 300)) for (x in c(-3, 0.7, 2.5)) put(sprintf("pt.%g.%g", x, df), pt(x, df))
for (df in c(1, 2, 7, 60)) for (x in c(0.05, 3, 14)) put(sprintf("pchisq_upper.%g.%g", x, df), pchisq(x, df, lower.tail = FALSE))
for (x in c(-8, -1.5, 0.3, 4)) put(sprintf("pnorm.%g", x), pnorm(x))
for (p in c(1e-10, 0.025, 0.3, 0.975)) put(sprintf("qnorm.%g", p), qnorm(p))

# LASSO: glmnet on the z-scored predictors (population SD), folds from folds_label.csv repeat 0.
features <- c(paste0("deep_", 1:10), "radscore_tumour", "radscore_ring")
x <- as.matrix(d[, features])
zscore <- function(v) (v - mean(v)) / sqrt(mean((v - mean(v))^2))
xz <- apply(x, 2, zscore)
folds <- read.csv("folds_label.csv")
folds <- folds[folds$repeat. == 0 | folds[[1]] == 0, ]
foldid <- integer(nrow(d)); foldid[folds$row + 1] <- folds$fold + 1
lassoRows <- NULL
for (thresh in c(1e-7, 1e-14)) {
  set.seed(1)
  cv <- cv.glmnet(xz, d$label, family = "binomial", type.measure = "deviance", foldid = foldid, thresh = thresh)
  put(sprintf("lasso.thresh%g.nlambda", thresh), length(cv$lambda))
  put(sprintf("lasso.thresh%g.lambda_max", thresh), cv$lambda[1])
  put(sprintf("lasso.thresh%g.lambda_min", thresh), cv$lambda.min)
  put(sprintf("lasso.thresh%g.lambda_1se", thresh), cv$lambda.1se)
  put(sprintf("lasso.thresh%g.index_min", thresh), cv$index[1])
  put(sprintf("lasso.thresh%g.index_1se", thresh), cv$index[2])
  for (k in c(1, 10, 30, length(cv$lambda))) {
    put(sprintf("lasso.thresh%g.cvm.%d", thresh, k), cv$cvm[k]); put(sprintf("lasso.thresh%g.cvsd.%d", thresh, k), cv$cvsd[k])
  }
  for (s in c("lambda.min", "lambda.1se")) {
    b <- as.numeric(coef(cv, s = s))
    lassoRows <- rbind(lassoRows, data.frame(thresh = thresh, row_type = s, lambda = cv[[s]], intercept = b[1], t(setNames(b[-1], features))))
  }
}
write.csv(lassoRows, "lasso_reference.csv", row.names = FALSE, quote = FALSE)
vals <- vapply(out, function(v) if (is.character(v)) v else trimws(formatC(v, digits = 17, format = "g")), "")
write.csv(data.frame(name = names(out), value = vals), "reference_r.csv", row.names = FALSE, quote = TRUE)

# Calibration of score_a as a probability for label (R glm, logistic recalibration).
cal <- read.csv("cohort.csv")
slopeFit <- glm(label ~ qlogis(score_a), family = binomial, data = cal, control = glm.control(epsilon = 1e-14, maxit = 100))
interceptFit <- glm(label ~ offset(qlogis(score_a)), family = binomial, data = cal, control = glm.control(epsilon = 1e-14, maxit = 100))
extra <- c(calibration.slope = unname(coef(slopeFit)[2]), calibration.intercept = unname(coef(interceptFit)[1]))

# ComBat (sva, parametric, no covariates) on the 12 predictors with centre as batch.
suppressMessages(library(sva))
harmonised <- t(ComBat(dat = t(as.matrix(cal[, features])), batch = cal$centre, mod = NULL, par.prior = TRUE))
write.csv(data.frame(id = cal$id, harmonised), "combat_reference.csv", row.names = FALSE, quote = FALSE)
old <- read.csv("reference_r.csv", colClasses = "character")
old <- old[!(old$name %in% c("calibration.slope", "calibration.intercept")), ]
new <- data.frame(name = c("calibration.slope", "calibration.intercept"),
                  value = trimws(formatC(extra[1:2], digits = 17, format = "g")))
write.csv(rbind(old, new), "reference_r.csv", row.names = FALSE, quote = TRUE)
cat("sva", as.character(packageVersion("sva")), "\n")

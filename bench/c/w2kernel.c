/*
 * W2's limit: the same work as the engine's RFM + ABC + segment × channel path, in plain C, compiled
 * with gcc -O3 on the machine that runs the bench. It is not part of the app; it says how far the
 * engine is from what this CPU can do on the same data (bench/w2c.ts runs it).
 *
 * Input (binary, little-endian): int32 rows, customers, channels, analysisDay, repeats; then the
 * columns customer (int32), day (int32), amount (float64), channel (int32), row by row.
 * Output (stdout, JSON): the median time of `repeats` runs and the results the bench compares with
 * the engine's: per segment customers/orders/revenue, per ABC class count/revenue, per matrix cell
 * customers/orders/revenue/repeat customers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEGMENTS 11 /* ten R rfm rules + "others" */
#define UNASSIGNED 0xffff

static const int RULES[10][6] = {
    {4, 5, 4, 5, 4, 5}, {2, 5, 3, 5, 3, 5}, {3, 5, 1, 3, 1, 3}, {4, 5, 1, 1, 1, 1}, {3, 4, 1, 1, 1, 1},
    {2, 3, 2, 3, 2, 3}, {2, 3, 1, 2, 1, 2}, {1, 2, 2, 5, 2, 5}, {1, 1, 4, 5, 4, 5}, {1, 2, 1, 2, 1, 2},
};

typedef struct {
  int32_t n, k, m, asOf;
  const int32_t *customer, *day, *channel;
  const double *amount;
} Tx;

typedef struct {
  int64_t segCustomers[SEGMENTS], segOrders[SEGMENTS];
  double segRevenue[SEGMENTS];
  int64_t abcCount[3];
  double abcRevenue[3];
  int32_t *cellCustomers, *cellOrders, *cellRepeat;
  double *cellRevenue;
} Result;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* k-th smallest of a[lo..hi] (inclusive), reordering that range: the part left of k stays ≤ a[k]. */
static double select_range(double *a, int lo, int hi, int k) {
  while (lo < hi) {
    double pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/* The smallest value of a[from..n) (after a selection left every value there ≥ those before). */
static double min_from(const double *a, int from, int n) {
  double m = a[from];
  for (int i = from + 1; i < n; i++)
    if (a[i] < m) m = a[i];
  return m;
}

/* The score of one value against R rfm's intervals: the last interval [lower, upper) holding it. */
static uint8_t score_of(double v, const double *lower, const double *upper, int reversed) {
  for (int i = 4; i >= 0; i--)
    if (v >= lower[i] && v < upper[i]) return reversed ? 5 - i : i + 1;
  return 0;
}

/* R's type-7 quantile from the value at two sorted positions (lo, lo + 1 when index > lo). */
static double type7(double index, int lo, double qs, double next) {
  if (index > lo && next != qs) {
    double h = index - lo;
    return (1 - h) * qs + h * next;
  }
  return qs;
}

/* Scores 1–5 as R rfm of small non-negative integers below `range` (recency days, order counts):
 * quantiles from the cumulative counts, each distinct value scored once, one table look-up a value. */
static void score_counted(const int32_t *values, int n, int range, int reversed, uint8_t *out) {
  int32_t *cum = calloc(range, sizeof(int32_t));
  int mn = range, mx = -1;
  for (int j = 0; j < n; j++) {
    int v = values[j];
    cum[v]++;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  for (int b = 1; b < range; b++) cum[b] += cum[b - 1];
  double lower[5], upper[5];
  lower[0] = mn;
  for (int b = 1; b < 5; b++) {
    double index = 1 + (n - 1) * (b * (1.0 / 5));
    int lo = (int)floor(index);
    int at = 0, at2 = 0;
    while (cum[at] <= lo - 1) at++;
    at2 = at;
    while (at2 < range && cum[at2] <= lo) at2++;
    double q = type7(index, lo, at, lo < n ? at2 : at) + 1;
    lower[b] = q;
    upper[b - 1] = q;
  }
  upper[4] = mx + 1;
  uint8_t *table = malloc(mx + 1);
  for (int v = mn; v <= mx; v++) table[v] = score_of(v, lower, upper, reversed);
  for (int j = 0; j < n; j++) out[j] = table[values[j]];
  free(table), free(cum);
}

/* Scores 1–5 as R rfm of any values: quantiles by one copy and successive selections, each in the
 * part right of the previous one. */
static void score(const double *values, int n, double *scratch, int reversed, uint8_t *out) {
  double lower[5], upper[5], mn = INFINITY, mx = -INFINITY;
  for (int j = 0; j < n; j++) {
    if (values[j] < mn) mn = values[j];
    if (values[j] > mx) mx = values[j];
  }
  lower[0] = mn;
  memcpy(scratch, values, sizeof(double) * n);
  int from = 0;
  for (int b = 1; b < 5; b++) {
    double index = 1 + (n - 1) * (b * (1.0 / 5));
    int lo = (int)floor(index);
    double qs = select_range(scratch, from, n - 1, lo - 1);
    double q = index > lo ? type7(index, lo, qs, min_from(scratch, lo, n)) : qs;
    from = lo - 1;
    lower[b] = q + 1;
    upper[b - 1] = q + 1;
  }
  upper[4] = mx + 1;
  for (int j = 0; j < n; j++) out[j] = score_of(values[j], lower, upper, reversed);
}

/* One stable counting pass of an 11-bit digit of the high key words, moving low words and indices along. */
static void digit_pass(int n, int shift, uint32_t mask, uint32_t *hi, uint32_t *lo, int *idx, uint32_t *hi2, uint32_t *lo2, int *idx2, uint32_t *count) {
  memset(count, 0, sizeof(uint32_t) * 2048);
  for (int i = 0; i < n; i++) count[(hi[i] >> shift) & mask]++;
  uint32_t sum = 0;
  for (int d = 0; d < 2048; d++) {
    uint32_t c = count[d];
    count[d] = sum;
    sum += c;
  }
  for (int i = 0; i < n; i++) {
    uint32_t at = count[(hi[i] >> shift) & mask]++;
    hi2[at] = hi[i];
    lo2[at] = lo[i];
    idx2[at] = idx[i];
  }
}

/* Orders idx (ascending indices) by value descending, stably, and leaves the values in that order in
 * `sorted`: an LSD radix sort on the high 32 bits of keys that order like the values (three 11-bit
 * passes, a pass skipped when its digit is the same for every item), then runs of equal high words
 * ordered by their low words (insertion sort: such runs are short, mostly exact ties). */
static void radix_desc(int *idx, int n, const double *value, double *sorted) {
  uint32_t *hi = malloc(4 * (size_t)n), *lo = malloc(4 * (size_t)n), *hi2 = malloc(4 * (size_t)n), *lo2 = malloc(4 * (size_t)n);
  int *idx2 = malloc(sizeof(int) * n);
  uint32_t count[2048];
  for (int i = 0; i < n; i++) {
    uint64_t b;
    double v = value[idx[i]] + 0.0; /* -0 as +0 */
    memcpy(&b, &v, 8);
    b = (b >> 63) ? ~b : b | 0x8000000000000000ull; /* ascending unsigned order of the values */
    b = ~b;                                         /* descending */
    hi[i] = (uint32_t)(b >> 32);
    lo[i] = (uint32_t)b;
  }
  for (int d = 0; d < 3; d++) {
    int shift = 11 * d;
    uint32_t mask = d == 2 ? 0x3ff : 0x7ff, first = (hi[0] >> shift) & mask;
    int same = 1;
    for (int i = 1; i < n && same; i++) same = ((hi[i] >> shift) & mask) == first;
    if (n == 0 || same) continue;
    digit_pass(n, shift, mask, hi, lo, idx, hi2, lo2, idx2, count);
    uint32_t *t = hi;
    hi = hi2, hi2 = t;
    t = lo, lo = lo2, lo2 = t;
    memcpy(idx, idx2, sizeof(int) * n);
  }
  for (int a = 0; a < n;) {
    int b = a + 1;
    while (b < n && hi[b] == hi[a]) b++;
    for (int j = a + 1; j < b; j++) {
      uint32_t key = lo[j];
      int item = idx[j], i = j - 1;
      while (i >= a && lo[i] > key) {
        lo[i + 1] = lo[i];
        idx[i + 1] = idx[i];
        i--;
      }
      lo[i + 1] = key;
      idx[i + 1] = item;
    }
    a = b;
  }
  for (int i = 0; i < n; i++) {
    uint64_t b = ~(((uint64_t)hi[i] << 32) | lo[i]);
    b = (b >> 63) ? b & 0x7fffffffffffffffull : ~b;
    memcpy(&sorted[i], &b, 8);
  }
  free(hi), free(lo), free(hi2), free(lo2), free(idx2);
}

/* The R rfm rules holding each score 1–5 of one dimension (column 2·dim of RULES), as bits. */
static void rule_masks(int dim, uint32_t *mask) {
  for (int v = 0; v <= 5; v++) {
    mask[v] = 0;
    for (int i = 0; i < 10; i++)
      if (v >= RULES[i][2 * dim] && v <= RULES[i][2 * dim + 1]) mask[v] |= 1u << i;
  }
}

static void run(const Tx *tx, Result *r) {
  int k = tx->k, m = tx->m;
  int32_t *last = malloc(sizeof(int32_t) * k), *orders = calloc(k, sizeof(int32_t));
  double *revenue = calloc(k, sizeof(double));
  int counted = 0;
  for (int i = 0; i < tx->n; i++) {
    int d = tx->day[i];
    if (d > tx->asOf) continue;
    int c = tx->customer[i];
    if (orders[c] == 0 || d > last[c]) last[c] = d;
    orders[c]++;
    revenue[c] += tx->amount[i];
    counted++;
  }
  int present = 0;
  int *idx = malloc(sizeof(int) * k);
  for (int c = 0; c < k; c++)
    if (orders[c] > 0) idx[present++] = c;
  int32_t *ri = malloc(sizeof(int32_t) * present), *fi = malloc(sizeof(int32_t) * present);
  double *mv = malloc(sizeof(double) * present), *scratch = malloc(sizeof(double) * present);
  int rmax = 0, fmax = 0;
  for (int j = 0; j < present; j++) {
    int c = idx[j];
    ri[j] = tx->asOf - last[c];
    fi[j] = orders[c];
    mv[j] = revenue[c];
    if (ri[j] > rmax) rmax = ri[j];
    if (fi[j] > fmax) fmax = fi[j];
  }
  uint8_t *rs = malloc(present), *fs = malloc(present), *ms = malloc(present);
  /* Recency days and order counts are small non-negative integers: counted. (Other ranges: selection.) */
  if (rmax < 65536) score_counted(ri, present, rmax + 1, 1, rs);
  else {
    for (int j = 0; j < present; j++) mv[j] = ri[j];
    score(mv, present, scratch, 1, rs);
    for (int j = 0; j < present; j++) mv[j] = revenue[idx[j]];
  }
  if (fmax < 65536) score_counted(fi, present, fmax + 1, 0, fs);
  else {
    for (int j = 0; j < present; j++) mv[j] = fi[j];
    score(mv, present, scratch, 0, fs);
    for (int j = 0; j < present; j++) mv[j] = revenue[idx[j]];
  }
  score(mv, present, scratch, 0, ms);
  uint32_t rmask[6], fmask[6], mmask[6];
  rule_masks(0, rmask), rule_masks(1, fmask), rule_masks(2, mmask);
  uint16_t *segment = malloc(sizeof(uint16_t) * k);
  for (int c = 0; c < k; c++) segment[c] = UNASSIGNED;
  memset(r->segCustomers, 0, sizeof r->segCustomers);
  memset(r->segOrders, 0, sizeof r->segOrders);
  memset(r->segRevenue, 0, sizeof r->segRevenue);
  for (int j = 0; j < present; j++) {
    uint32_t match = rmask[rs[j]] & fmask[fs[j]] & mmask[ms[j]];
    int s = match ? __builtin_ctz(match) : 10;
    int c = idx[j];
    segment[c] = (uint16_t)s;
    r->segCustomers[s]++;
    r->segOrders[s] += orders[c];
    r->segRevenue[s] += revenue[c];
  }
  /* ABC over the customers with orders, highest revenue first (ties: lower index first). */
  double *sorted = scratch;
  radix_desc(idx, present, revenue, sorted);
  double positive = 0, before = 0;
  for (int j = 0; j < present; j++)
    if (sorted[j] > 0) positive += sorted[j];
  memset(r->abcCount, 0, sizeof r->abcCount);
  memset(r->abcRevenue, 0, sizeof r->abcRevenue);
  for (int j = 0; j < present; j++) {
    double v = sorted[j];
    int cls = 2;
    if (v > 0) {
      if (before < 0.8 * positive) cls = 0;
      else if (before < 0.95 * positive) cls = 1;
      before += v;
    }
    r->abcCount[cls]++;
    r->abcRevenue[cls] += v;
  }
  /* Segment × channel in one pass: channels per customer as bit sets, which also tell without a branch
   * whether a row is the customer's first (a customer of the cell) or second (a repeat customer) in its
   * channel. The day column is read only if some row is after the analysis day. */
  int cells = SEGMENTS * m;
  memset(r->cellCustomers, 0, sizeof(int32_t) * cells);
  memset(r->cellOrders, 0, sizeof(int32_t) * cells);
  memset(r->cellRepeat, 0, sizeof(int32_t) * cells);
  memset(r->cellRevenue, 0, sizeof(double) * cells);
  int filter = counted < tx->n;
  uint32_t *bits = calloc(2 * (size_t)k, sizeof(uint32_t));
  /* A row's three counts as one addition of 10-bit fields, unpacked every 1,023 rows (as the engine). */
  uint32_t *packed = calloc(cells, sizeof(uint32_t));
  for (int from = 0; from < tx->n; from += 1023) {
    int to = from + 1023 < tx->n ? from + 1023 : tx->n;
    for (int i = from; i < to; i++) {
      if (filter && tx->day[i] > tx->asOf) continue;
      int c = tx->customer[i], s = segment[c];
      if (s == UNASSIGNED) continue;
      int ch = tx->channel[i], cell = s * m + ch;
      uint32_t seen = bits[2 * c], rep = bits[2 * c + 1];
      uint32_t was = (seen >> ch) & 1;
      bits[2 * c] = seen | (1u << ch);
      bits[2 * c + 1] = rep | (was << ch);
      packed[cell] += 1u | ((1u - was) << 10) | ((was & ~(rep >> ch) & 1u) << 20);
      r->cellRevenue[cell] += tx->amount[i];
    }
    for (int cell = 0; cell < cells; cell++) {
      uint32_t p = packed[cell];
      r->cellOrders[cell] += p & 1023u;
      r->cellCustomers[cell] += (p >> 10) & 1023u;
      r->cellRepeat[cell] += p >> 20;
      packed[cell] = 0;
    }
  }
  free(packed);
  free(bits), free(segment), free(rs), free(fs), free(ms), free(scratch), free(ri), free(fi), free(mv), free(idx);
  free(last), free(orders), free(revenue);
}

static int cmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  int32_t head[5];
  if (fread(head, sizeof(int32_t), 5, f) != 5) return 2;
  Tx tx = {head[0], head[1], head[2], head[3], 0, 0, 0, 0};
  int repeats = head[4], n = tx.n;
  int32_t *customer = malloc(sizeof(int32_t) * n), *day = malloc(sizeof(int32_t) * n), *channel = malloc(sizeof(int32_t) * n);
  double *amount = malloc(sizeof(double) * n);
  if (fread(customer, 4, n, f) != (size_t)n || fread(day, 4, n, f) != (size_t)n || fread(amount, 8, n, f) != (size_t)n || fread(channel, 4, n, f) != (size_t)n) return 2;
  fclose(f);
  tx.customer = customer, tx.day = day, tx.amount = amount, tx.channel = channel;
  Result r;
  int cells = SEGMENTS * tx.m;
  r.cellCustomers = malloc(sizeof(int32_t) * cells), r.cellOrders = malloc(sizeof(int32_t) * cells), r.cellRepeat = malloc(sizeof(int32_t) * cells);
  r.cellRevenue = malloc(sizeof(double) * cells);
  double *times = malloc(sizeof(double) * repeats);
  run(&tx, &r); /* warm-up */
  for (int i = 0; i < repeats; i++) {
    double t = now_ms();
    run(&tx, &r);
    times[i] = now_ms() - t;
  }
  qsort(times, repeats, sizeof(double), cmpDouble);
  printf("{\"median_ms\":%.3f,\"segments\":[", repeats % 2 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2);
  for (int s = 0; s < SEGMENTS; s++) printf("%s[%lld,%lld,%.0f]", s ? "," : "", (long long)r.segCustomers[s], (long long)r.segOrders[s], round(r.segRevenue[s] * 100));
  printf("],\"abc\":[");
  for (int c = 0; c < 3; c++) printf("%s[%lld,%.0f]", c ? "," : "", (long long)r.abcCount[c], round(r.abcRevenue[c] * 100));
  printf("],\"cells\":[");
  for (int i = 0; i < cells; i++) printf("%s[%d,%d,%.0f,%d]", i ? "," : "", r.cellCustomers[i], r.cellOrders[i], round(r.cellRevenue[i] * 100), r.cellRepeat[i]);
  printf("]}\n");
  return 0;
}

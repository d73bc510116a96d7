// concat along one axis: the output viewed as [outer, ROW] rows, where input k fills the chunk
// [OFFSET_k, OFFSET_k + CHUNK_k) of every row. Generated before this file: pick(o, r) returns the
// element at row o, row offset r from the input that owns it (one branch per input).
float element(int e) {
  int o = e / ROW;
  return pick(o, e - o * ROW);
}

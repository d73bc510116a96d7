// transpose: output element e reads input element src(e), a generated index map with the
// permuted strides baked in.
float element(int e) {
  return load(X0, src(e));
}

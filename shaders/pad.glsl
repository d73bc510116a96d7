// pad: zeros around x; src(e) is the input element at output element e, or −1 in the padding.
float element(int e) {
  int i = src(e);
  return i < 0 ? 0.0 : load(X0, i);
}

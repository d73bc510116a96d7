// broadcastTo: x repeated along its size-1 or missing leading axes.
// Generated before this file: in0(e) reads x at the output's coordinates.
float element(int e) {
  return in0(e);
}

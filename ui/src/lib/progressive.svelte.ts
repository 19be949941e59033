// A long list drawn a part at a time: the first `step` items, and `step` more whenever the
// reader nears the end of what is drawn (a sentinel after the items comes within a screen of
// the viewport) or asks for more.

export class Progressive {
  /** How many items are drawn. */
  count = $state(0);
  #step: number;

  constructor(step: number) {
    this.#step = step;
    this.count = step;
  }

  more = (): void => {
    this.count += this.#step;
  };

  /** Back to the first part (the list changed). */
  reset(): void {
    this.count = this.#step;
  }

  /** An attachment for the sentinel after the drawn items: draws more when it nears the viewport. */
  sentinel = (node: HTMLElement) => {
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.more();
        // Still in view after more are drawn: observing again reports it again.
        requestAnimationFrame(() => {
          io.unobserve(node);
          io.observe(node);
        });
      },
      { rootMargin: '800px 0px' },
    );
    io.observe(node);
    return () => io.disconnect();
  };
}

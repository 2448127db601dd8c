export default defineBackground(() => {
  // Composition root: wired to lib/ by the extension work (issue 5).
});

export default defineBackground(() => {
  // The clip outbox is wired here by the extension feature.
});

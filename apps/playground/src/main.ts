// Placeholder until the playground issue lands: the README's first command must already work.
console.log('@meta playground: coming soon. The narrated session arrives with the playground issue.');

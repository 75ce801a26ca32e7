console.log('@meta bench: coming soon.');

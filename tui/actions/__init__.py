"""The reader app's actions, one mixin per seam (importing, moving, reviewing,
making spans, writing to the store off the event loop, keys in order);
``tui.app.CopydeskApp`` combines them with its layout."""

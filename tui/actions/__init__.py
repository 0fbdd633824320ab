"""The reader app's actions, one mixin per seam (importing, moving, reviewing,
making spans); ``tui.app.CopydeskApp`` combines them with its layout."""

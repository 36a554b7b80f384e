"""Knowledge graph of actors, projects and industries in news about Chinese regional economic policy."""

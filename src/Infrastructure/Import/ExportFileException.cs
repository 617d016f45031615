namespace Slots.Infrastructure.Import;

/// <summary>The file could not be read as a dump at all: the import cannot run.</summary>
public sealed class ExportFileException(string message) : Exception(message);

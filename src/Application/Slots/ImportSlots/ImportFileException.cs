namespace Slots.Application.Slots.ImportSlots;

/// <summary>The file could not be read as a dump at all: the import cannot run.</summary>
public sealed class ImportFileException(string message) : Exception(message);

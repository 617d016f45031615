using MongoDB.Bson;

namespace Slots.Infrastructure.Import;

/// <summary>One document of a dump: where it starts (1-based line), and the document or why it could not be read.</summary>
public sealed record ExportEntry(int Line, BsonDocument? Document, string? Error);

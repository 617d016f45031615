namespace Slots.Application.Common.Idempotency;

/// <summary>A fingerprint of the request (SHA-256 of the command) and the answer's body, as the API writes it.</summary>
public sealed record StoredAnswer(byte[] Fingerprint, string Body);

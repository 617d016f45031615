using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Application.Common.Idempotency;

namespace Slots.Infrastructure.Idempotency;

/// <summary>One kept answer (<c>idempotency_keys</c>): for a caller (issuer and subject), an operation and a key.</summary>
internal sealed class IdempotencyRecord(string scope, string operation, string key, byte[] fingerprint, string body, DateTime createdAt)
{
    public string Scope { get; private set; } = scope;

    public string Operation { get; private set; } = operation;

    public string Key { get; private set; } = key;

    public byte[] Fingerprint { get; private set; } = fingerprint;

    public string Body { get; private set; } = body;

    public DateTime CreatedAt { get; private set; } = createdAt;
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Scope, r.Operation, r.Key });
        builder.Property(r => r.Scope).HasColumnName("scope").HasMaxLength(400);
        builder.Property(r => r.Operation).HasColumnName("operation").HasMaxLength(64);
        builder.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyKeys.MaxLength);
        builder.Property(r => r.Fingerprint).HasColumnName("fingerprint").IsRequired();
        builder.Property(r => r.Body).HasColumnName("body").IsRequired();
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
    }
}

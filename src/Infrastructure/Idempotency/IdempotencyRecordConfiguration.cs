using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Application.Common.Idempotency;

namespace Slots.Infrastructure.Idempotency;

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

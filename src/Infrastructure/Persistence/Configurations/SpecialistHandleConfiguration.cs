using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class SpecialistHandleConfiguration : IEntityTypeConfiguration<SpecialistHandle>
{
    public void Configure(EntityTypeBuilder<SpecialistHandle> builder)
    {
        builder.ToTable("specialists");
        builder.HasKey(h => h.Email);
        builder.Property(h => h.Email).HasColumnName("email").HasMaxLength(SlotLimits.MaxEmailLength);
        builder.Property(h => h.Issuer).HasColumnName("issuer").HasMaxLength(SlotLimits.MaxIssuerLength).IsRequired();
        builder.Property(h => h.Subject).HasColumnName("subject").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(h => h.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Calendars;

internal sealed class CalendarFeedRowConfiguration : IEntityTypeConfiguration<CalendarFeedRow>
{
    public void Configure(EntityTypeBuilder<CalendarFeedRow> builder)
    {
        builder.ToTable("calendar_feeds", t => t.HasCheckConstraint("ck_calendar_feeds_kind", $"kind IN ({ColumnTexts.CalendarKinds.SqlList})"));
        builder.HasKey(f => new { f.Kind, f.Issuer, f.Subject });
        builder.Property(f => f.Kind).HasColumnName("kind").HasMaxLength(16).HasConversion(ColumnTexts.CalendarKinds.Converter);
        builder.Property(f => f.Issuer).HasColumnName("issuer").HasMaxLength(SlotLimits.MaxIssuerLength);
        builder.Property(f => f.Subject).HasColumnName("subject").HasMaxLength(SlotLimits.MaxIdLength);
        builder.Property(f => f.TokenHash).HasColumnName("token_hash").IsRequired();
        builder.Property(f => f.SealedToken).HasColumnName("sealed_token").HasMaxLength(500).IsRequired();
        builder.Property(f => f.IssuedAt).HasColumnName("issued_at");
        builder.HasIndex(f => f.TokenHash).IsUnique().HasDatabaseName("ux_calendar_feeds_token");
    }
}

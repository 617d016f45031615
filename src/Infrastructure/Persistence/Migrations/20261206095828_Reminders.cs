using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outside the EF model (see NotificationQueue): a booking's reminders are one notification per duration before
            // its start (remind_before; 0 for every other kind), due at their moment.
            migrationBuilder.Sql("""
                ALTER TABLE notifications ADD COLUMN remind_before interval NOT NULL DEFAULT '0';
                ALTER TABLE notifications DROP CONSTRAINT ux_notifications_once;
                ALTER TABLE notifications ADD CONSTRAINT ux_notifications_once UNIQUE (event_id, booking_id, recipient, kind, remind_before);
                ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
                ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('booked', 'cancelled', 'rescheduled', 'reminder'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DELETE FROM notifications WHERE kind = 'reminder';
                ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
                ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('booked', 'cancelled', 'rescheduled'));
                ALTER TABLE notifications DROP CONSTRAINT ux_notifications_once;
                ALTER TABLE notifications ADD CONSTRAINT ux_notifications_once UNIQUE (event_id, booking_id, recipient, kind);
                ALTER TABLE notifications DROP COLUMN remind_before;
                """);
        }
    }
}

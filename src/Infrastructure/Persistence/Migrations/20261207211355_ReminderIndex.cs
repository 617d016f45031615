using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReminderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outside the EF model (see NotificationQueue): a cancelled or moved booking's reminders, found by the booking
            // inside the command's transaction, not among every message still due.
            migrationBuilder.Sql("CREATE INDEX ix_notifications_reminders ON notifications (booking_id) WHERE kind = 'reminder';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_notifications_reminders;");
        }
    }
}

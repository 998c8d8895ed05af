enum DatabaseState { Mounted; Dismounted = 5
    Failed }
[Flags()] enum MailboxRights {
    ReadPermission = 1
    ChangePermission = 2
    FullAccess = 4
}
enum Small : byte { A }

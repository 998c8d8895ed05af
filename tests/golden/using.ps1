using namespace System.Collections.Generic
using module ExchangeOnlineManagement
using assembly System.Web
$list = [List[string]]::new()
